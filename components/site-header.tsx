import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/t";
import { navItemsFor } from "@/lib/navigation";
import { LocaleSwitch } from "./locale-switch";
import { Nav } from "./nav";
import { SignOutButton } from "./sign-out-button";

/** The site header. Which links appear is decided here, on the server, from the session's roles. */
export async function SiteHeader() {
  const [actor, t] = await Promise.all([getActor(), getT()]);
  const items = actor ? navItemsFor(actor.roles).map(({ slug, href, labelKey }) => ({ slug, href, labelKey })) : [];
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
