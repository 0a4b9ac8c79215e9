import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/t";
import { db } from "@/lib/db/client";
import { hasReviews } from "@/lib/complaints/list-reviews";
import { navItemsFor } from "@/lib/navigation";
import { unreadCount } from "@/lib/notify/inbox";
import { LocaleSwitch } from "./locale-switch";
import { Nav } from "./nav";
import { SignOutButton } from "./sign-out-button";

/** The site header. Which links appear is decided here, on the server, from the session's roles. */
export async function SiteHeader() {
  const [actor, t] = await Promise.all([getActor(), getT()]);
  // The header never fails a page: without the database the badge and the review link are simply left out.
  const hasReviewsWaiting = actor ? await hasReviews(db(), actor.id).catch(() => false) : false;
  const items = actor ? navItemsFor(actor.roles, { hasReviews: hasReviewsWaiting }).map(({ slug, href, labelKey }) => ({ slug, href, labelKey })) : [];
  const unread = actor ? await unreadCount(db(), actor.id).catch(() => 0) : 0;
  return (
    <header className="border-b border-slate-300 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="rounded text-xl font-bold text-blue-800" data-testid="home-link">
          {t("app.name")}
        </Link>
        {actor && <Nav items={items} />}
        <div className="ml-auto flex flex-wrap items-center gap-2 text-sm">
          <LocaleSwitch />
          {actor ? (
            <>
              {/* Named by its own text (WCAG 2.5.3: a voice user says what they see): "通知 3 条未读". */}
              <Link href="/notifications" data-testid="inbox-link" className="inline-flex items-center gap-1 rounded px-2 py-1 text-blue-800 hover:bg-slate-100">
                <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
                  <path d="M10 2a5 5 0 0 0-5 5v2.6c0 .5-.2 1-.5 1.4L3.3 12.7A1 1 0 0 0 4.1 14.3h11.8a1 1 0 0 0 .8-1.6l-1.2-1.7a2.4 2.4 0 0 1-.5-1.4V7a5 5 0 0 0-5-5Zm-2 13.5a2 2 0 0 0 4 0H8Z" />
                </svg>
                {t("notifications.link")}
                {unread > 0 && (
                  <>
                    {" "}<span data-testid="inbox-badge" className="ml-1 rounded-full bg-red-700 px-1.5 text-xs text-white">{unread > 99 ? "99+" : unread}</span>{" "}
                    <span className="sr-only">{t("notifications.unread")}</span>
                  </>
                )}
              </Link>
              <span data-testid="user-name" className="max-w-48 truncate text-slate-700" title={t("auth.signedInAs", { name: actor.name })}>
                {actor.name}
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin" data-testid="signin-link" className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
              {t("auth.signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
