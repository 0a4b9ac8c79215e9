import Link from "next/link";
import { getT } from "@/lib/i18n/t";

export default async function NotFound() {
  const t = await getT();
  return (
    <section data-testid="not-found" aria-labelledby="not-found-title" className="mx-auto max-w-xl py-8">
      <title>{`${t("notFound.title")} · ${t("app.name")}`}</title>
      <h1 id="not-found-title" className="text-2xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-3 text-slate-700">{t("notFound.body")}</p>
      <p className="mt-6">
        <Link href="/" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
          {t("backHome")}
        </Link>
      </p>
    </section>
  );
}
