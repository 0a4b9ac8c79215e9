import Link from "next/link";
import { MarkAllRead } from "@/components/notifications/mark-all-read";
import { requirePageActor } from "@/lib/auth/session";
import { ctxFor } from "@/lib/http/ctx";
import { listInbox } from "@/lib/notify/inbox";
import { fmt } from "@/lib/questions/labels";

export const dynamic = "force-dynamic";
export const metadata = { title: "通知" };

export default async function NotificationsPage() {
  const actor = await requirePageActor();
  const { items, unread } = await listInbox(ctxFor(actor));
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">通知</h1>
      <p className="mt-1 text-sm text-slate-700" data-testid="inbox-unread">{unread > 0 ? `${unread} 条未读` : "没有未读通知"}</p>
      {unread > 0 && (
        <div className="mt-3">
          <MarkAllRead />
        </div>
      )}
      {items.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">还没有通知。</p>
      ) : (
        <ol className="mt-6 space-y-3" data-testid="inbox">
          {items.map((n) => (
            <li key={n.id} data-testid={n.read ? "inbox-item" : "inbox-item-unread"} className={`rounded-md border p-3 ${n.read ? "border-slate-200" : "border-blue-400 bg-blue-50"}`}>
              <p className="font-medium">
                {!n.read && <span className="mr-2 rounded bg-blue-700 px-1.5 py-0.5 text-xs text-white">未读</span>}
                {n.questionId ? <Link className="text-blue-700 hover:underline" href={`/questions/${n.questionId}`}><bdi>{n.subject}</bdi></Link> : <bdi>{n.subject}</bdi>}
              </p>
              <ul className="mt-1 text-sm text-slate-700">{n.lines.map((l, i) => <li key={i}><bdi>{l}</bdi></li>)}</ul>
              <p className="mt-1 text-xs text-slate-500">{fmt(n.createdAt)}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
