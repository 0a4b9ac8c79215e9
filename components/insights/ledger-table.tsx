// One page of the ledger. Wide, so it scrolls sideways on a phone; related fields share a cell so the
// table stays readable. The CSV has every field in its own column and the matter in full.
import Link from "next/link";
import { ownerChainText, shanghaiDateTime, truncate, type LedgerRow } from "@/lib/analytics/ledger/format";
import { getT } from "@/lib/i18n/t";
import type { Translate } from "@/lib/i18n/translate";
import { questionRef } from "@/lib/kernel/question-ref";
import { ScrollRegion } from "@/components/scroll-region";

const th = "whitespace-nowrap px-2 py-1 text-left font-semibold";
const td = "px-2 py-1 align-top";
const COLUMNS = ["number", "createdAt", "asker", "contact", "matter", "linePriority", "ownerChain", "status", "outcome", "dates", "limits"] as const;

export async function LedgerTable({ rows, caption }: { rows: LedgerRow[]; caption: string }) {
  const t = await getT();
  // How each owner came to own the question, in the reader's language (the CSV keeps its Chinese marks).
  const via = { NAMED: t("insights.ledger.via.NAMED"), HANDOFF: t("insights.ledger.via.HANDOFF"), ESCALATION: t("insights.ledger.via.ESCALATION") };
  return (
    <ScrollRegion label={caption} className="rounded-md border border-slate-300 bg-white">
      <table className="min-w-[72rem] text-sm" data-testid="ledger-table">
        <caption className="px-2 py-1 text-left text-slate-700">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className={th}>{t(`insights.ledger.col.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-200" data-testid="ledger-row">
              <th scope="row" className={`${td} whitespace-nowrap font-normal`}>
                <Link href={`/questions/${r.id}`} className="text-blue-700 underline">
                  {questionRef(r.number)}
                </Link>
              </th>
              <td className={`${td} whitespace-nowrap tabular-nums`}>{shanghaiDateTime(r.createdAt)}</td>
              <td className={td}>
                {r.askerName}
                {r.askerDepartment && <div className="text-xs text-slate-600">{r.askerDepartment}</div>}
              </td>
              <td className={td}>
                {r.contactName}
                {r.contactDepartment && <div className="text-xs text-slate-600">{r.contactDepartment}</div>}
                {r.contactPhone && <div className="text-xs">{t("insights.ledger.phone", { phone: r.contactPhone })}</div>}
                {r.contactIm && <div className="text-xs">{t("insights.ledger.im", { im: r.contactIm })}</div>}
              </td>
              <td className={`${td} min-w-[12rem]`}>{truncate(r.body, 40)}</td>
              <td className={td}>
                {r.lineName}
                <div className={r.priority === "URGENT" ? "text-xs font-semibold text-red-800" : "text-xs text-slate-600"}>{t(`insights.priority.${r.priority}`)}</div>
              </td>
              <td className={`${td} min-w-[10rem]`}>{ownerChainText(r.ownerChain, via) || "—"}</td>
              <td className={`${td} whitespace-nowrap`}>{t(`insights.status.${r.status}`)}</td>
              <td className={td}>
                <Outcome row={r} t={t} />
              </td>
              <td className={`${td} whitespace-nowrap text-xs tabular-nums`}>
                <div>{t("insights.ledger.firstResponseAt", { at: shanghaiDateTime(r.firstRespondedAt) || "—" })}</div>
                <div>{t("insights.ledger.resolvedAt", { at: shanghaiDateTime(r.resolvedAt) || "—" })}</div>
                <div>{t("insights.ledger.confirmedAt", { at: shanghaiDateTime(r.closedAt) || "—" })}</div>
              </td>
              <td className={`${td} whitespace-nowrap text-xs tabular-nums`}>
                <Limit t={t} label={t("insights.ledger.limit.firstResponse")} due={r.firstResponseDueAt} met={r.firstResponseMet} />
                <Limit t={t} label={t("insights.ledger.limit.resolution")} due={r.resolutionDueAt} met={r.resolutionMet} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Outcome({ row: r, t }: { row: LedgerRow; t: Translate }) {
  if (!r.resolutionKind && r.satisfaction === null && !r.complaint) return <>—</>;
  return (
    <ul className="space-y-0.5 text-xs">
      {r.resolutionKind && (
        <li>
          {t(`insights.resolution.${r.resolutionKind}`)}
          {r.answerExposure && t("insights.ledger.exposure", { exposure: t(`insights.exposure.${r.answerExposure}`) })}
        </li>
      )}
      {r.satisfaction !== null && <li>{t("insights.ledger.satisfaction", { score: r.satisfaction })}</li>}
      {r.complaint && <li className="font-semibold text-red-800">{t(r.complaintUpheld ? "insights.ledger.complaintUpheld" : "insights.ledger.complaint")}</li>}
    </ul>
  );
}

function Limit({ t, label, due, met }: { t: Translate; label: string; due: Date | null; met: boolean | null }) {
  if (!due) return <div>{label} —</div>;
  const verdict = t(met === null ? "insights.ledger.limit.pending" : met ? "insights.ledger.limit.met" : "insights.ledger.limit.missed");
  return (
    <div>
      {label} {shanghaiDateTime(due)} <span className={met === false ? "font-semibold text-red-800" : met ? "text-green-800" : "text-slate-600"}>{verdict}</span>
    </div>
  );
}
