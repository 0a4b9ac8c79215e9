import Link from "next/link";
import { notFound } from "next/navigation";
import { PolicyFeedback } from "@/components/policy-feedback";
import { withNodes } from "@/components/rich-text";
import { UnitPhrasings } from "@/components/policies/unit-phrasings";
import { requirePageActor } from "@/lib/auth/session";
import { renderPolicyMarkdown } from "@/lib/content/render-markdown";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/t";
import { isStale, policyFreshness } from "@/lib/policies/freshness";
import { readPolicy, readPolicyVersion } from "@/lib/policies/read-policy";
import { recordPolicyView } from "@/lib/policies/record-policy-view";
import { fmt } from "@/lib/questions/labels";
import { phrasingsForOwner } from "@/lib/search/phrasings/list-unit-phrasings";
import { MAX_PHRASING_CHARS } from "@/lib/search/phrasings/phrasing-text";
import { z } from "zod";

export const dynamic = "force-dynamic";

const clickParams = z.object({ sq: z.string().uuid(), s: z.string().uuid(), r: z.coerce.number().int().min(1).max(100).optional() });

export default async function PolicyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const sp = await searchParams;
  const click = clickParams.safeParse(sp);
  const versionParam = z.object({ v: z.coerce.number().int().min(1).max(100_000) }).safeParse(sp);
  const [policy, t] = await Promise.all([readPolicy(db(), id), getT()]);
  if (!policy || !policy.currentVersion) notFound();
  if (policy.status !== "ACTIVE") {
    return (
      <article className="mx-auto max-w-3xl">
        <h1 className="text-2xl font-bold"><bdi>{policy.title}</bdi></h1>
        <div role="status" data-testid="policy-retired" className="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
          {policy.retiredAt ? t("policies.retiredAt", { at: fmt(policy.retiredAt) }) : t("policies.retired")}
          {withNodes(t("policies.retiredAsk"), { link: <Link className="underline" href="/ask">{t("policies.retiredAskLink")}</Link> })}
        </div>
        <p className="mt-4 text-sm"><Link className="text-blue-700 underline" href={`/policies/${policy.id}/versions`}>{t("policies.history")}</Link></p>
      </article>
    );
  }
  const current = policy.currentVersion;
  const requested = versionParam.success && versionParam.data.v !== current.version ? versionParam.data.v : null;
  const old = requested ? await readPolicyVersion(db(), policy.id, requested) : null;
  if (requested && !old) notFound();
  const version = old ?? current;
  const currentLabels = new Set(current.sections.map((s) => s.label));
  const freshness = (await policyFreshness(db(), [policy.id], new Date())).get(policy.id);
  // 常见问法 per unit, for the owner of this policy only (null for everyone else and for old versions).
  const phrasings = old ? null : await phrasingsForOwner(db(), actor, policy.id);
  // Analytics rows (a view; a search click when the reader came from a result) for the current version only.
  const clickedSection = !old && click.success && version.sections.some((s) => s.id === click.data.s) ? click.data.s : null;
  if (!old) {
    recordPolicyView(db(), { userId: actor.id, policyId: policy.id, sectionId: clickedSection, click: clickedSection && click.success ? { searchQueryId: click.data.sq, rank: click.data.r ?? null } : null });
  }
  return (
    <article className="mx-auto max-w-3xl">
      <nav aria-label={t("policies.breadcrumb")} className="text-sm text-slate-600">
        <Link href="/search" className="hover:underline">{t("policies.crumb")}</Link> › <Link href={`/policies?line=${encodeURIComponent(policy.line.name)}`} className="hover:underline"><bdi>{policy.line.name}</bdi></Link>
      </nav>
      <h1 className="mt-2 text-2xl font-bold"><bdi>{policy.title}</bdi></h1>
      {old && (
        <div role="status" data-testid="policy-superseded" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t("policies.superseded", { old: old.version, at: fmt(old.importedAt), current: current.version })}<Link className="underline" href={`/policies/${policy.id}`}>{t("policies.viewCurrent")}</Link>
        </div>
      )}
      {isStale(freshness) && (
        <div role="status" data-testid="policy-stale" className="mt-3 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900">
          {freshness!.needsRevision ? t("policies.needsRevision") : t("policies.reviewOverdue", { since: String(freshness!.reviewOverdueSince) })}
        </div>
      )}
      <dl className="mt-2 grid grid-cols-2 gap-x-4 text-sm text-slate-700 sm:grid-cols-4">
        <div><dt className="font-medium">{t("policies.version")}</dt><dd data-testid="policy-version">v{version.version} · <Link className="text-blue-700 hover:underline" href={`/policies/${policy.id}/versions`}>{t("policies.versionHistory")}</Link></dd></div>
        <div><dt className="font-medium">{t("policies.effective")}</dt><dd>{policy.effective ? policy.effective.toISOString().slice(0, 10) : "—"}</dd></div>
        <div><dt className="font-medium">{t("policies.owner")}</dt><dd><bdi>{policy.ownerName}</bdi></dd></div>
        <div><dt className="font-medium">{t("policies.line")}</dt><dd><bdi>{policy.line.name}</bdi></dd></div>
        <div><dt className="font-medium">{t("policies.review")}</dt><dd data-testid="policy-review">{policy.reviewDueAt ? policy.reviewDueAt.toISOString().slice(0, 10) : "—"}</dd></div>
      </dl>
      {version.sections.length > 1 && (
        <nav aria-labelledby="toc" className="mt-6 rounded-md border border-slate-300 p-4">
          <h2 id="toc" className="font-semibold">{t("policies.toc")}</h2>
          <ol className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {version.sections.map((s) => (
              <li key={s.id}><a className="text-blue-700 hover:underline" href={`#${encodeURIComponent(s.label)}`}>{s.label}</a></li>
            ))}
          </ol>
        </nav>
      )}
      <div className="mt-6 space-y-6">
        {version.sections.map((s, i) => (
          <section key={s.id} id={s.label} aria-labelledby={`h-${i}`} className="scroll-mt-20">
            {s.chapter && (i === 0 || version.sections[i - 1]?.chapter !== s.chapter) && <p className="mb-2 text-sm font-semibold text-slate-600">{s.chapter}</p>}
            <h2 id={`h-${i}`} className="text-lg font-semibold">{s.heading}</h2>
            {old && (
              <p className="text-sm text-red-800" data-testid="unit-superseded">
                {t("policies.unitSuperseded", { current: current.version })}
                {currentLabels.has(s.label) ? <Link className="underline" href={`/policies/${policy.id}#${encodeURIComponent(s.label)}`}>{t("policies.viewCurrentUnit", { label: s.label })}</Link> : t("policies.unitDeleted")}
              </p>
            )}
            <div className="policy-text mt-2 leading-7">{renderPolicyMarkdown(s.text)}</div>
            {phrasings && <UnitPhrasings policyId={policy.id} label={s.label} rows={phrasings.get(s.label) ?? []} maxChars={MAX_PHRASING_CHARS} />}
          </section>
        ))}
      </div>
      {!old && <div className="mt-10">
        <PolicyFeedback policyId={policy.id} sections={version.sections.map((s) => ({ id: s.id, label: s.label }))} />
      </div>}
    </article>
  );
}
