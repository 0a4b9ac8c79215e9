import Link from "next/link";
import { MarkAllRead, MarkRead } from "@/components/notifications/mark-all-read";
import { requirePageActor } from "@/lib/auth/session";
import { ctxFor } from "@/lib/http/ctx";
import { getT } from "@/lib/i18n/t";
import { listInbox } from "@/lib/notify/inbox";
import { fmt } from "@/lib/questions/labels";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getT())("notifications.title") };
}

// 站内通知: the actor's own notices, newest first, in the same words as mail (the personal audience:
// the question's first line is shown); each links to its question and can be marked read.
export default async function NotificationsPage() {
  const actor = await requirePageActor();
  const t = await getT();
  const { items, unread } = await listInbox(ctxFor(actor), t.locale);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">{t("notifications.title")}</h1>
      <p className="mt-1 text-sm text-slate-700" data-testid="inbox-unread" role="status">
        {unread > 0 ? t("notifications.unreadSummary", { count: String(unread) }) : t("notifications.noneUnread")}
      </p>
      {unread > 0 && (
        <div className="mt-3">
          <MarkAllRead />
        </div>
      )}
      {items.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">{t("notifications.empty")}</p>
      ) : (
        <ol className="mt-6 space-y-3" data-testid="inbox">
          {items.map((n) => (
            <li key={n.id} data-testid={n.read ? "inbox-item" : "inbox-item-unread"} data-kind={n.kind} className={`rounded-md border p-3 ${n.read ? "border-slate-200" : "border-blue-400 bg-blue-50"}`}>
              <p className="font-medium break-words">
                {!n.read && <span className="mr-2 rounded bg-blue-700 px-1.5 py-0.5 text-xs text-white">{t("notifications.unreadTag")}</span>}
                {n.questionId ? (
                  <Link className="text-blue-700 hover:underline" href={`/questions/${n.questionId}`} data-testid="inbox-item-link">
                    <bdi>{n.subject}</bdi>
                  </Link>
                ) : (
                  <bdi>{n.subject}</bdi>
                )}
              </p>
              <ul className="mt-1 space-y-0.5 text-sm break-words text-slate-700">
                {n.lines.map((l, i) => (
                  <li key={i}>
                    <bdi>{l}</bdi>
                  </li>
                ))}
              </ul>
              <div className="mt-2 flex flex-wrap items-center gap-3">
                <p className="text-xs text-slate-500">{fmt(n.createdAt)}</p>
                {n.questionId && (
                  <Link className="text-sm text-blue-700 hover:underline" href={`/questions/${n.questionId}`}>
                    {t("notifications.open")}
                  </Link>
                )}
                {!n.read && <MarkRead id={n.id} />}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
