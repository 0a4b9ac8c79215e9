// Picks the reviewer of a new complaint, in the filing transaction. Never the person complained
// about, never the complainant: a reviewer who would be either is skipped for the next rule.
import type { DbTx } from "../db/client";
import { nextManagerAbove } from "../kernel/org-chart";
import type { ReviewSetting } from "./review-settings";

export type ReviewerVia = "manager" | "qa" | "named" | "none";

/** The active QA reviewer with the fewest open reviews (ties: oldest account), not one of `exclude`. */
async function leastLoadedQaReviewer(tx: DbTx, exclude: string[]): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT u.id FROM "User" u
    WHERE 'QA_REVIEWER' = ANY(u.roles) AND u."disabledAt" IS NULL AND NOT (u.id = ANY(${exclude}::uuid[]))
    ORDER BY (SELECT count(*) FROM "Complaint" c WHERE c."reviewerId" = u.id AND c.status = 'OPEN'), u."createdAt", u.id
    LIMIT 1`;
  return rows[0]?.id ?? null;
}

export async function pickReviewer(
  tx: DbTx,
  setting: ReviewSetting,
  who: { ownerId: string | null; complainantId: string },
): Promise<{ reviewerId: string | null; via: ReviewerVia }> {
  const exclude = [who.complainantId, ...(who.ownerId ? [who.ownerId] : [])];
  if (setting.mode === "USER" && setting.reviewerId && !exclude.includes(setting.reviewerId)) {
    // Still active and still able to open any question (roles may have changed since the rule was saved).
    const named = await tx.user.findFirst({ where: { id: setting.reviewerId, disabledAt: null, roles: { hasSome: ["QA_REVIEWER", "ADMIN"] } }, select: { id: true } });
    if (named) return { reviewerId: named.id, via: "named" };
  }
  if (setting.mode === "MANAGER" && who.ownerId) {
    // The owner's manager, else the next one up (a manager who filed the complaint cannot review it).
    let from: string | null = who.ownerId;
    for (let hops = 0; from && hops < 20; hops++) {
      const manager: string | null = await nextManagerAbove(tx, from);
      // The MANAGER role is what lets them open questions of their subtree (lib/questions/access.ts).
      if (manager && !exclude.includes(manager) && (await tx.user.count({ where: { id: manager, roles: { hasSome: ["MANAGER", "ADMIN"] } } })) > 0) {
        return { reviewerId: manager, via: "manager" };
      }
      from = manager;
    }
  }
  const qa = await leastLoadedQaReviewer(tx, exclude);
  return qa ? { reviewerId: qa, via: "qa" } : { reviewerId: null, via: "none" };
}
