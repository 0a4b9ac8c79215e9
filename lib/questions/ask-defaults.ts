import "server-only";
// What the ask form starts with: the lines to choose from, the asker's own contact details, and the
// managers up the asker's department chain (a question can be addressed to one of them).
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { ancestry } from "../kernel/org-chart";

export async function askDefaults({ actor, db }: { actor: Actor; db: Db }) {
  const [user, lines] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true, phone: true, im: true, departmentId: true, department: { select: { name: true } } } }),
    db.businessLine.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const chain = user.departmentId ? await ancestry(db, user.departmentId) : [];
  const leaderIds = [...new Set(chain.map((d) => d.managerId).filter((m): m is string => !!m && m !== actor.id))];
  const found = await db.user.findMany({ where: { id: { in: leaderIds }, disabledAt: null }, select: { id: true, name: true, title: true } });
  // Nearest manager first; disabled ones are left out.
  const leaders = leaderIds.map((id) => found.find((l) => l.id === id)).filter((l): l is NonNullable<typeof l> => !!l);
  return { user, lines, leaders };
}
