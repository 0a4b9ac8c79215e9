import "server-only";
// What the publish form offers one policy owner: the 条线 they may publish in and the policies they may
// replace (all of them for an admin), with each policy's current version for the stale-preview check.
import { policyScopeOf } from "../analytics/shared/scope";
import type { Ctx } from "../kernel/context";

export interface PublishOptions {
  lines: string[];
  policies: { id: string; title: string; line: string; owner: string; version: number; reviewDueAt: string | null; effective: string | null; status: string }[];
}

export async function publishOptions(ctx: Ctx): Promise<PublishOptions> {
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  const [lines, policies] = await Promise.all([
    ctx.db.businessLine.findMany({ where: scope.all ? {} : { id: { in: scope.lineIds } }, orderBy: { name: "asc" }, select: { name: true } }),
    ctx.db.policy.findMany({
      where: scope.all ? {} : { id: { in: scope.policyIds } },
      orderBy: [{ status: "asc" }, { title: "asc" }],
      select: { id: true, title: true, ownerName: true, status: true, reviewDueAt: true, effective: true, line: { select: { name: true } }, currentVersion: { select: { version: true } } },
    }),
  ]);
  return {
    lines: lines.map((l) => l.name),
    policies: policies.map((p) => ({
      id: p.id,
      title: p.title,
      line: p.line.name,
      owner: p.ownerName,
      version: p.currentVersion?.version ?? 0,
      reviewDueAt: p.reviewDueAt?.toISOString().slice(0, 10) ?? null,
      effective: p.effective?.toISOString().slice(0, 10) ?? null,
      status: p.status,
    })),
  };
}
