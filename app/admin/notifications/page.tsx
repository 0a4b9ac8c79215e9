import Link from "next/link";
import { CalendarBanner } from "@/components/admin/calendar-banner";
import { RetryDeliveryButton } from "@/components/admin/retry-delivery-button";
import { requirePageActor } from "@/lib/auth/session";
import { renderStoredMessage } from "@/lib/http/errors";
import { ctxFor } from "@/lib/http/ctx";
import { getT } from "@/lib/i18n/t";
import { listProblemDeliveries } from "@/lib/notify/deliveries";
import { fmt } from "@/lib/questions/labels";
import { questionRef } from "@/lib/kernel/question-ref";

export const dynamic = "force-dynamic";

export default async function AdminNotificationsPage() {
  const actor = await requirePageActor("ADMIN");
  const [rows, t] = await Promise.all([listProblemDeliveries(ctxFor(actor)), getT()]);
  return (
    <div className="mx-auto max-w-6xl">
      <CalendarBanner />
      <h1 className="text-2xl font-bold">{t("admin.deliveries.title")}</h1>
      <p className="mt-2 text-slate-700">{t("admin.deliveries.intro")}</p>
      {rows.length === 0 ? (
        <p className="mt-4" data-testid="deliveries-empty">{t("admin.deliveries.empty")}</p>
      ) : (
        <table className="mt-4 w-full text-sm" data-testid="deliveries">
          <thead>
            <tr className="text-left">
              <th className="p-1">{t("admin.deliveries.status")}</th><th className="p-1">{t("admin.deliveries.recipient")}</th><th className="p-1">{t("admin.deliveries.channel")}</th><th className="p-1">{t("admin.deliveries.kind")}</th>
              <th className="p-1">{t("admin.deliveries.attempts")}</th><th className="p-1">{t("admin.deliveries.lastError")}</th><th className="p-1">{t("admin.deliveries.nextAttempt")}</th><th className="p-1"><span className="sr-only">{t("admin.deliveries.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200 align-top">
                <td className="p-1">{r.status === "FAILED" ? <span className="font-medium text-red-800">{t("admin.deliveries.failed")}</span> : t("admin.deliveries.retrying")}</td>
                <td className="p-1"><bdi>{r.user.name}</bdi><br /><span className="text-slate-600">{r.user.email}</span></td>
                <td className="p-1">{t(`admin.deliveries.channel.${r.channel}`)}</td>
                <td className="p-1">
                  {r.kind}
                  {r.question && <><br /><Link className="text-blue-700 underline" href={`/questions/${r.question.id}`}>{questionRef(r.question.number)}</Link></>}
                </td>
                <td className="p-1">{r.attempts}</td>
                <td className="max-w-xs break-words p-1 text-slate-800">{r.lastError ? <bdi>{renderStoredMessage(r.lastError, t.locale)}</bdi> : "—"}</td>
                <td className="p-1">{r.status === "FAILED" ? "—" : fmt(r.nextAttemptAt)}</td>
                <td className="p-1">
                  <RetryDeliveryButton id={r.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
