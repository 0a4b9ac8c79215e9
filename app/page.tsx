import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/t";
import { navItemsFor } from "@/lib/navigation";

export const dynamic = "force-dynamic";

/** Home: for a signed-in user a search box and their destinations; for a visitor, what this is. */
export default async function HomePage() {
  const [actor, t] = await Promise.all([getActor(), getT()]);

  if (!actor) {
    return (
      <section aria-labelledby="pitch-title" data-testid="home-anonymous" className="mx-auto max-w-2xl py-10 text-center">
        <h1 id="pitch-title" className="text-3xl font-bold">{t("home.pitchTitle")}</h1>
        <p className="mt-4 text-lg text-slate-700">{t("home.pitch")}</p>
        <p className="mt-8">
          <Link href="/signin" data-testid="home-signin" className="inline-block rounded-md bg-blue-700 px-6 py-3 text-lg font-medium text-white hover:bg-blue-800">
            {t("auth.signIn")}
          </Link>
        </p>
      </section>
    );
  }

  const cards = navItemsFor(actor.roles);
  return (
    <div className="mx-auto max-w-3xl" data-testid="home-signed-in">
      <h1 className="text-2xl font-bold">{t("home.welcome", { name: actor.name })}</h1>
      <p className="mt-1 text-slate-700">{t("app.tagline")}</p>

      <form action="/search" method="get" role="search" className="mt-6">
        <label htmlFor="home-q" className="mb-2 block text-lg font-semibold">
          {t("home.searchLabel")}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id="home-q"
            name="q"
            type="search"
            maxLength={200}
            autoComplete="off"
            placeholder={t("home.searchPlaceholder")}
            data-testid="home-search-input"
            className="w-full rounded-md border border-slate-500 bg-white px-4 py-3 text-lg"
          />
          <button type="submit" className="rounded-md bg-blue-700 px-6 py-3 text-lg font-medium text-white hover:bg-blue-800">
            {t("home.searchSubmit")}
          </button>
        </div>
      </form>

      <section aria-labelledby="shortcuts-title" className="mt-10">
        <h2 id="shortcuts-title" className="text-lg font-semibold">{t("home.shortcuts")}</h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {cards.map((item) => (
            <li key={item.slug}>
              <Link
                href={item.href}
                data-testid={`home-card-${item.slug}`}
                className="block h-full rounded-lg border border-slate-300 bg-white p-4 hover:border-blue-700 hover:bg-blue-50"
              >
                <span className="block font-semibold text-blue-800">{t(item.labelKey)}</span>
                <span className="mt-1 block text-sm text-slate-700">{t(item.descriptionKey)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
