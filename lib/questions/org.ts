import type { DbTx } from "../db/client";

/** Department ids from the given one up to the top, nearest first. */
export async function ancestry(db: DbTx, departmentId: string): Promise<{ id: string; managerId: string | null }[]> {
  return db.$queryRaw<{ id: string; managerId: string | null }[]>`
    WITH RECURSIVE up AS (
      SELECT id, "parentId", "managerId", 0 AS depth FROM "Department" WHERE id = ${departmentId}::uuid
      UNION ALL
      SELECT d.id, d."parentId", d."managerId", up.depth + 1 FROM "Department" d JOIN up ON d.id = up."parentId"
      WHERE up.depth < 50
    ) SELECT id, "managerId" FROM up ORDER BY depth`;
}

/** The lowest department that contains all the given departments (pure). */
export function lowestCommonDepartment(chains: { id: string; managerId: string | null }[][]): { id: string; managerId: string | null } | null {
  if (chains.length === 0) return null;
  const [first, ...rest] = chains;
  return first!.find((d) => rest.every((c) => c.some((x) => x.id === d.id))) ?? null;
}

/** The manager of the lowest department above all the given users (for ping-pong flags). */
export async function lowestCommonManager(db: DbTx, userIds: string[]): Promise<string | null> {
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { departmentId: true } });
  const chains = await Promise.all(users.filter((u) => u.departmentId).map((u) => ancestry(db, u.departmentId!)));
  const common = lowestCommonDepartment(chains);
  if (!common) return null;
  // The department itself may have no manager: go up until one does.
  const chain = chains[0]!;
  for (const d of chain.slice(chain.findIndex((x) => x.id === common.id))) if (d.managerId) return d.managerId;
  return null;
}
