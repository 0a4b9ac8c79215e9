// One page of the ledger. Wide, so it scrolls sideways on a phone; related fields share a cell so the
// table stays readable. The CSV has every field in its own column and the matter in full.
import Link from "next/link";
import { EXPOSURE_SHORT, PRIORITY_LABEL, shanghaiDateTime, truncate, type LedgerRow } from "@/lib/analytics/ledger/format";
import { RESOLUTION_LABEL, STATUS_LABEL } from "@/lib/questions/labels";
import { questionRef } from "@/lib/kernel/question-ref";

const th = "whitespace-nowrap px-2 py-1 text-left font-semibold";
const td = "px-2 py-1 align-top";

export function LedgerTable({ rows, caption }: { rows: LedgerRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-300 bg-white">
      <table className="min-w-[72rem] text-sm" data-testid="ledger-table">
        <caption className="px-2 py-1 text-left text-slate-700">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className={th}>编号</th>
            <th scope="col" className={th}>提问时间</th>
            <th scope="col" className={th}>提问人</th>
            <th scope="col" className={th}>联系方式</th>
            <th scope="col" className={th}>事项</th>
            <th scope="col" className={th}>条线 · 优先级</th>
            <th scope="col" className={th}>责任人链</th>
            <th scope="col" className={th}>状态</th>
            <th scope="col" className={th}>结果</th>
            <th scope="col" className={th}>日期</th>
            <th scope="col" className={th}>时限</th>
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
                {r.contactPhone && <div className="text-xs">电话 {r.contactPhone}</div>}
                {r.contactIm && <div className="text-xs">IM {r.contactIm}</div>}
              </td>
              <td className={`${td} min-w-[12rem]`}>{truncate(r.body, 40)}</td>
              <td className={td}>
                {r.lineName}
                <div className={r.priority === "URGENT" ? "text-xs font-semibold text-red-800" : "text-xs text-slate-600"}>{PRIORITY_LABEL[r.priority]}</div>
              </td>
              <td className={`${td} min-w-[10rem]`}>{r.ownerChain || "—"}</td>
              <td className={`${td} whitespace-nowrap`}>{STATUS_LABEL[r.status]}</td>
              <td className={td}>
                <Outcome row={r} />
              </td>
              <td className={`${td} whitespace-nowrap text-xs tabular-nums`}>
                <div>首次响应 {shanghaiDateTime(r.firstRespondedAt) || "—"}</div>
                <div>办结 {shanghaiDateTime(r.resolvedAt) || "—"}</div>
                <div>确认 {shanghaiDateTime(r.closedAt) || "—"}</div>
              </td>
              <td className={`${td} whitespace-nowrap text-xs tabular-nums`}>
                <Limit label="首次响应" due={r.firstResponseDueAt} met={r.firstResponseMet} />
                <Limit label="办结" due={r.resolutionDueAt} met={r.resolutionMet} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Outcome({ row: r }: { row: LedgerRow }) {
  if (!r.resolutionKind && r.satisfaction === null && !r.complaint) return <>—</>;
  return (
    <ul className="space-y-0.5 text-xs">
      {r.resolutionKind && <li>{RESOLUTION_LABEL[r.resolutionKind]}{r.answerExposure && `（${EXPOSURE_SHORT[r.answerExposure]}）`}</li>}
      {r.satisfaction !== null && <li>满意度 {r.satisfaction} / 5</li>}
      {r.complaint && <li className="font-semibold text-red-800">有投诉{r.complaintUpheld ? "（成立）" : ""}</li>}
    </ul>
  );
}

function Limit({ label, due, met }: { label: string; due: Date | null; met: boolean | null }) {
  if (!due) return <div>{label} —</div>;
  const verdict = met === null ? "未到期" : met ? "达标" : "超时";
  return (
    <div>
      {label} {shanghaiDateTime(due)} <span className={met === false ? "font-semibold text-red-800" : met ? "text-green-800" : "text-slate-600"}>{verdict}</span>
    </div>
  );
}
