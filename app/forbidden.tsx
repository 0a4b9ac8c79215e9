import Link from "next/link";
import { getT } from "@/lib/i18n/t";

/** Rendered with status 403 by forbidden() (requirePageActor with a role the user lacks). */
export default async function Forbidden() {
  const t = await getT();
  return (
    <section data-testid="forbidden" aria-labelledby="forbidden-title" className="mx-auto max-w-xl py-8">
      <title>{`${t("forbidden.title")} · ${t("app.name")}`}</title>
      <h1 id="forbidden-title" className="text-2xl font-bold">{t("forbidden.title")}</h1>
      <p className="mt-3 text-slate-700">{t("forbidden.body")}</p>
      <p className="mt-6">
        <Link href="/" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
          {t("backHome")}
        </Link>
      </p>
    </section>
  );
}
