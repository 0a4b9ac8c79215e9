import { SignInLink } from "@/components/sign-in-link";
import { getT } from "@/lib/i18n/t";

/** Rendered with status 401 by unauthorized() (requirePageActor with no session). */
export default async function Unauthorized() {
  const t = await getT();
  return (
    <section data-testid="unauthorized" aria-labelledby="unauthorized-title" className="mx-auto max-w-xl py-8">
      <title>{`${t("unauthorized.title")} · ${t("app.name")}`}</title>
      <h1 id="unauthorized-title" className="text-2xl font-bold">{t("unauthorized.title")}</h1>
      <p className="mt-3 text-slate-700">{t("unauthorized.body")}</p>
      <p className="mt-6">
        <SignInLink />
      </p>
    </section>
  );
}
