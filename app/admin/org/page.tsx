import type { Metadata } from "next";
import Link from "next/link";
import { OrgImportForm } from "@/components/admin/org-import-form";
import { requirePageActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/t";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t("admin.org.metaTitle") };
}

export default async function OrgImportPage() {
  await requirePageActor("ADMIN");
  const t = await getT();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("admin.org.title")}</h1>
      <div className="space-y-2 text-sm text-slate-700">
        <p>{t("admin.org.intro")}</p>
        <p>{t("admin.org.columns")}</p>
        <p>{t("admin.org.sso")}</p>
        <p><Link className="text-blue-700 underline" href="/api/admin/org-export" prefetch={false} data-testid="org-export">{t("admin.org.export")}</Link></p>
      </div>
      <OrgImportForm />
    </div>
  );
}
