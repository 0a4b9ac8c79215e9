import Link from "next/link";
import { withNodes } from "@/components/rich-text";
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/t";
import { policyCatalogue } from "@/lib/policies/read-policy";

export const dynamic = "force-dynamic";

/** Browsing: 条线 → 制度 (→ 条款 in the reader). */
export default async function PoliciesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const line = z.string().max(50).optional().catch(undefined).parse((await searchParams).line);
  const [lines, t] = await Promise.all([policyCatalogue(db(), line), getT()]);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">{line ? withNodes(t("policies.titleLine"), { line: <bdi>{line}</bdi> }) : t("policies.title")}</h1>
      {line && <p className="mt-1 text-sm"><Link className="text-blue-700 underline" href="/policies">{t("policies.allLines")}</Link></p>}
      {hasRole(actor, "POLICY_OWNER", "ADMIN") && (
        <p className="mt-2 text-sm"><Link data-testid="publish-link" className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white" href="/policies/publish">{t("policies.publish")}</Link></p>
      )}
      {lines.map((l) => (
        <section key={l.id} aria-labelledby={`line-${l.id}`} className="mt-6">
          <h2 id={`line-${l.id}`} className="text-lg font-semibold"><bdi>{l.name}</bdi></h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-300">
            {l.policies.map((p) => (
              <li key={p.id} className="p-3">
                <Link className="font-medium text-blue-700 hover:underline" href={`/policies/${p.id}`}><bdi>{p.title}</bdi></Link>
                <p className="text-xs text-slate-600"><bdi>{p.ownerName}</bdi>{p.effective ? t("policies.effectiveOn", { date: p.effective.toISOString().slice(0, 10) }) : ""}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
