import Link from "next/link";
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { policyCatalogue } from "@/lib/policies/read-policy";

export const dynamic = "force-dynamic";

/** Browsing: 条线 → 制度 (→ 条款 in the reader). */
export default async function PoliciesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const line = z.string().max(50).optional().catch(undefined).parse((await searchParams).line);
  const lines = await policyCatalogue(db(), line);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">制度目录{line ? `：${line}` : ""}</h1>
      {line && <p className="mt-1 text-sm"><Link className="text-blue-700 underline" href="/policies">全部条线</Link></p>}
      {hasRole(actor, "POLICY_OWNER", "ADMIN") && (
        <p className="mt-2 text-sm"><Link data-testid="publish-link" className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white" href="/policies/publish">发布制度</Link></p>
      )}
      {lines.map((l) => (
        <section key={l.id} aria-labelledby={`line-${l.id}`} className="mt-6">
          <h2 id={`line-${l.id}`} className="text-lg font-semibold">{l.name}</h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-300">
            {l.policies.map((p) => (
              <li key={p.id} className="p-3">
                <Link className="font-medium text-blue-700 hover:underline" href={`/policies/${p.id}`}>{p.title}</Link>
                <p className="text-xs text-slate-600">{p.ownerName}{p.effective ? ` · ${p.effective.toISOString().slice(0, 10)} 生效` : ""}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
