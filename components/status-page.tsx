import type { ReactNode } from "react";
import { getT } from "@/lib/i18n/t";

/** The page shown in place of one the visitor cannot see: 401, 403 and 404 share its layout. */
export async function StatusPage({ name, link }: { name: "unauthorized" | "forbidden" | "notFound"; link: ReactNode }) {
  const t = await getT();
  const id = name === "notFound" ? "not-found" : name;
  return (
    <section data-testid={id} aria-labelledby={`${id}-title`} className="mx-auto max-w-xl py-8">
      <title>{`${t(`${name}.title`)} · ${t("app.name")}`}</title>
      <h1 id={`${id}-title`} className="text-2xl font-bold">{t(`${name}.title`)}</h1>
      <p className="mt-3 text-slate-700">{t(`${name}.body`)}</p>
      <p className="mt-6">{link}</p>
    </section>
  );
}
