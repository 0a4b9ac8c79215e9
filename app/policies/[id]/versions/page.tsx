import Link from "next/link";
import { notFound } from "next/navigation";
import { RetireForm } from "@/components/policies/retire-form";
import { VersionDiffView } from "@/components/policies/version-diff";
import { hasRole } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { fmt } from "@/lib/questions/labels";
import { diffBetween, policyVersions } from "@/lib/policies/policy-history";
import { readPolicyHeader } from "@/lib/policies/read-policy";

export const dynamic = "force-dynamic";
export const metadata = { title: "版本历史" };

const num = (v: string | string[] | undefined) => (typeof v === "string" && /^\d{1,6}$/.test(v) ? Number(v) : null);

export default async function PolicyVersionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const policy = await readPolicyHeader(db(), id);
  if (!policy) notFound();
  const versions = await policyVersions(db(), policy.id);
  const sp = await searchParams;
  const to = num(sp.to) ?? versions[0]?.version ?? 1;
  const from = num(sp.from) ?? to - 1;
  const diff = from >= 1 && from !== to ? await diffBetween(db(), policy.id, from, to) : null;
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="位置" className="text-sm text-slate-600">
        <Link href={`/policies/${policy.id}`} className="hover:underline"><bdi>{policy.title}</bdi></Link> › 版本历史
      </nav>
      <h1 className="mt-2 text-2xl font-bold">版本历史</h1>
      <table className="mt-4 w-full text-left text-sm" data-testid="version-list">
        <thead>
          <tr className="border-b border-slate-300"><th className="py-1">版本</th><th>发布时间</th><th>发布人</th><th>条数</th><th>说明</th><th>原文件</th></tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} className="border-b border-slate-200 align-top">
              <td className="py-1">
                <Link className="text-blue-700 hover:underline" href={v.version === policy.currentVersion?.version ? `/policies/${policy.id}` : `/policies/${policy.id}?v=${v.version}`}>v{v.version}</Link>
                {v.version === policy.currentVersion?.version && <span className="ml-1 text-xs text-green-800">现行</span>}
              </td>
              <td>{fmt(v.importedAt)}</td>
              <td><bdi>{v.publishedBy ?? "导入"}</bdi></td>
              <td>{v.units}</td>
              <td className="max-w-48 break-words"><bdi>{v.note ?? ""}</bdi></td>
              <td>{v.originalName ? <a className="text-blue-700 hover:underline" href={`/api/policies/${encodeURIComponent(policy.id)}/versions/${v.version}/file`}>下载</a> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasRole(actor, "POLICY_OWNER", "ADMIN") && policy.status === "ACTIVE" && (
        <section aria-labelledby="manage-h" className="mt-6 rounded-md border border-slate-300 p-4">
          <h2 id="manage-h" className="font-semibold">管理（仅本条线的制度负责人和管理员）</h2>
          <p className="mt-2 text-sm"><Link className="text-blue-700 underline" href={`/policies/publish?policy=${encodeURIComponent(policy.id)}`}>上传新版本</Link></p>
          <div className="mt-3"><RetireForm policyId={policy.id} title={policy.title} /></div>
        </section>
      )}
      {diff && (
        <section aria-labelledby="diff-h" className="mt-8">
          <h2 id="diff-h" className="text-lg font-semibold">v{from} → v{to} 的变化</h2>
          <div className="mt-2"><VersionDiffView diff={diff} /></div>
        </section>
      )}
    </div>
  );
}
