import Link from "next/link";
import { CalendarBanner } from "@/components/admin/calendar-banner";
import { RetryDeliveryButton } from "@/components/settings/retry-delivery-button";
import { requirePageActor } from "@/lib/auth/session";
import { ctxFor } from "@/lib/http/ctx";
import { CHANNEL_LABEL } from "@/lib/notify/channels";
import { listProblemDeliveries } from "@/lib/notify/deliveries";
import { fmt } from "@/lib/questions/labels";
import { questionRef } from "@/lib/kernel/question-ref";

export const dynamic = "force-dynamic";

export default async function AdminNotificationsPage() {
  const actor = await requirePageActor("ADMIN");
  const rows = await listProblemDeliveries(ctxFor(actor));
  return (
    <div className="mx-auto max-w-6xl">
      <CalendarBanner />
      <h1 className="text-2xl font-bold">通知投递</h1>
      <p className="mt-2 text-slate-700">投递失败（已停止重试）和正在重试的电子邮件与群机器人消息。“重试”会立即重新投递，并重新计算重试次数。</p>
      {rows.length === 0 ? (
        <p className="mt-4" data-testid="deliveries-empty">没有失败或待重试的投递。</p>
      ) : (
        <table className="mt-4 w-full text-sm" data-testid="deliveries">
          <thead>
            <tr className="text-left">
              <th className="p-1">状态</th><th className="p-1">收件人</th><th className="p-1">渠道</th><th className="p-1">类型</th>
              <th className="p-1">次数</th><th className="p-1">最近错误</th><th className="p-1">下次尝试</th><th className="p-1"><span className="sr-only">操作</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200 align-top">
                <td className="p-1">{r.status === "FAILED" ? <span className="font-medium text-red-800">失败</span> : "重试中"}</td>
                <td className="p-1">{r.user.name}<br /><span className="text-slate-600">{r.user.email}</span></td>
                <td className="p-1">{CHANNEL_LABEL[r.channel]}</td>
                <td className="p-1">
                  {r.kind}
                  {r.question && <><br /><Link className="text-blue-700 underline" href={`/questions/${r.question.id}`}>{questionRef(r.question.number)}</Link></>}
                </td>
                <td className="p-1">{r.attempts}</td>
                <td className="max-w-xs break-words p-1 text-slate-800">{r.lastError ?? "—"}</td>
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
