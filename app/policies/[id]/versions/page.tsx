import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RetireForm } from "@/components/policies/retire-form";
import { VersionDiffView } from "@/components/policies/version-diff";
import { hasRole } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import { diffBetween, policyVersions } from "@/lib/policies/policy-history";
import { readPolicyHeader } from "@/lib/policies/read-policy";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t("policies.versions.title") };
}

const num = (v: string | string[] | undefined) => (typeof v === "string" && /^\d{1,6}$/.test(v) ? Number(v) : null);

export default async function PolicyVersionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const [policy, t] = await Promise.all([readPolicyHeader(db(), id), getT()]);
  if (!policy) notFound();
  const versions = await policyVersions(db(), policy.id);
  const sp = await searchParams;
  const to = num(sp.to) ?? versions[0]?.version ?? 1;
  const from = num(sp.from) ?? to - 1;
  const diff = from >= 1 && from !== to ? await diffBetween(db(), policy.id, from, to) : null;
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label={t("policies.breadcrumb")} className="text-sm text-slate-600">
        <Link href={`/policies/${policy.id}`} className="hover:underline"><bdi>{policy.title}</bdi></Link> › {t("policies.versions.title")}
      </nav>
      <h1 className="mt-2 text-2xl font-bold">{t("policies.versions.title")}</h1>
      <table className="mt-4 w-full text-left text-sm" data-testid="version-list">
        <thead>
          <tr className="border-b border-slate-300"><th className="py-1">{t("policies.version")}</th><th>{t("policies.versions.publishedAt")}</th><th>{t("policies.versions.publishedBy")}</th><th>{t("policies.versions.units")}</th><th>{t("policies.versions.note")}</th><th>{t("policies.versions.file")}</th></tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} className="border-b border-slate-200 align-top">
              <td className="py-1">
                <Link className="text-blue-700 hover:underline" href={v.version === policy.currentVersion?.version ? `/policies/${policy.id}` : `/policies/${policy.id}?v=${v.version}`}>v{v.version}</Link>
                {v.version === policy.currentVersion?.version && <span className="ml-1 text-xs text-green-800">{t("policies.versions.current")}</span>}
              </td>
              <td>{fmt(v.importedAt)}</td>
              <td>{v.publishedBy ? <bdi>{v.publishedBy}</bdi> : t("policies.versions.imported")}</td>
              <td>{v.units}</td>
              <td className="max-w-48 break-words"><bdi>{v.note ?? ""}</bdi></td>
              <td>{v.originalName ? <a className="text-blue-700 hover:underline" href={`/api/policies/${encodeURIComponent(policy.id)}/versions/${v.version}/file`}>{t("policies.versions.download")}</a> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasRole(actor, "POLICY_OWNER", "ADMIN") && policy.status === "ACTIVE" && (
        <section aria-labelledby="manage-h" className="mt-6 rounded-md border border-slate-300 p-4">
          <h2 id="manage-h" className="font-semibold">{t("policies.versions.manage")}</h2>
          <p className="mt-2 text-sm"><Link className="text-blue-700 underline" href={`/policies/publish?policy=${encodeURIComponent(policy.id)}`}>{t("policies.versions.upload")}</Link></p>
          <div className="mt-3"><RetireForm policyId={policy.id} title={policy.title} /></div>
        </section>
      )}
      {diff && (
        <section aria-labelledby="diff-h" className="mt-8">
          <h2 id="diff-h" className="text-lg font-semibold">{t("policies.versions.diff", { from, to })}</h2>
          <div className="mt-2"><VersionDiffView diff={diff} /></div>
        </section>
      )}
    </div>
  );
}
