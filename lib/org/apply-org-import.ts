import "server-only";
import { randomUUID } from "node:crypto";
import type { DbTx } from "../db/client";
import { ConflictError, m } from "../errors";
import { diffOrg, isEmptyPlan, planHash, type OrgPlan } from "./diff-org";
import { requireOrgAdmin, type OrgCtx } from "./org-context";
import { OrgFileError } from "./org-issue";
import { loadOrgSnapshot, type OrgSnapshot } from "./org-snapshot";
import { parseOrgFiles } from "./parse-org-file";
import type { OrgImportInput } from "./preview-org-import";
import { validateOrg, type DesiredOrg } from "./validate-org";
import { recordAudit } from "../kernel/audit";
import { lockPeopleAsAdmin } from "../admin/admin-guard";

const LOCK_KEY = 7_316_017; // pg_advisory_xact_lock key: one org import at a time
const CHUNK = 2000;

/**
 * Applies an org file in ONE transaction, with an audit row. The file is validated again against the
 * database as read under the lock, so a change since the preview is seen: when `expectedHash` (the
 * preview's) no longer matches, nothing is written (409). Any bad row: nothing is written.
 */
export async function applyOrgImport(ctx: OrgCtx, input: OrgImportInput & { expectedHash?: string }): Promise<{ plan: OrgPlan; hash: string }> {
  requireOrgAdmin(ctx);
  const parsed = await parseOrgFiles(input.files);
  if (parsed.issues.length) throw new OrgFileError(parsed.issues);
  const actorId = ctx.actor?.id ?? null;
  return ctx.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
      const snap = await loadOrgSnapshot(tx, ctx.now);
      const { desired, issues } = validateOrg(parsed.sheets, snap, actorId);
      if (issues.length) throw new OrgFileError(issues);
      const plan = diffOrg(desired, snap, { full: input.full, actorId });
      const hash = planHash(plan);
      if (input.expectedHash && input.expectedHash !== hash) throw new ConflictError(m("errors.orgChangedSincePreview"));
      if (actorId) {
        // The people it changes, and the importing admin still an admin as stored (not only at sign-in).
        const idOf = new Map(snap.users.map((u) => [u.email, u.id]));
        const touched = [...plan.people.changed.map((c) => c.email), ...plan.people.disabled].flatMap((e) => idOf.get(e) ?? []);
        await lockPeopleAsAdmin(tx, actorId, touched);
      }
      if (!isEmptyPlan(plan)) await write(tx, desired, snap, plan, ctx.now);
      await recordAudit(tx, {
        actorId,
        action: "org.import",
        target: input.files.map((f) => f.name).join(", ").slice(0, 300),
        data: {
          full: input.full,
          hash,
          departmentsAdded: plan.departments.added.length,
          departmentsChanged: plan.departments.changed.length,
          peopleAdded: plan.people.added.length,
          peopleChanged: plan.people.changed.length,
          peopleDisabled: plan.people.disabled,
          matrixAdded: plan.matrix.added.length,
          matrixRemoved: plan.matrix.removed.length,
          rosterAdded: plan.roster.added.length,
          rosterRemoved: plan.roster.removed.length,
        },
        createdAt: ctx.now,
      });
      return { plan, hash };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

async function write(tx: DbTx, desired: DesiredOrg, snap: OrgSnapshot, plan: OrgPlan, now: Date) {
  const deptId = new Map(snap.departments.map((d) => [d.code, d.id]));
  const userId = new Map(snap.users.map((u) => [u.email, u.id]));
  const oldUser = new Map(snap.users.map((u) => [u.email, u]));

  // 1. New departments first (parents and heads once everyone exists).
  const newDepts = (desired.departments ?? []).filter((d) => plan.departments.added.includes(d.code));
  for (const d of newDepts) deptId.set(d.code, randomUUID());
  for (let i = 0; i < newDepts.length; i += CHUNK) {
    await tx.department.createMany({ data: newDepts.slice(i, i + CHUNK).map((d) => ({ id: deptId.get(d.code)!, code: d.code, name: d.name, kind: d.kind })) });
  }

  // 2. People: added, changed (a role change or re-enabling ends their sessions), disabled.
  const added = new Set(plan.people.added);
  const changed = new Map(plan.people.changed.map((c) => [c.email, c.fields]));
  const newPeople = (desired.people ?? []).filter((p) => added.has(p.email));
  for (const p of newPeople) userId.set(p.email, randomUUID());
  for (let i = 0; i < newPeople.length; i += CHUNK) {
    await tx.user.createMany({
      data: newPeople.slice(i, i + CHUNK).map((p) => ({ id: userId.get(p.email)!, email: p.email, name: p.name, departmentId: p.departmentCode ? deptId.get(p.departmentCode)! : null, title: p.title, phone: p.phone, im: p.im, roles: p.roles, createdAt: now })),
    });
  }
  for (const p of desired.people ?? []) {
    const fields = changed.get(p.email);
    if (!fields) continue;
    await tx.user.update({
      where: { id: oldUser.get(p.email)!.id },
      data: {
        name: p.name, departmentId: p.departmentCode ? deptId.get(p.departmentCode)! : null, title: p.title, phone: p.phone, im: p.im, roles: p.roles, disabledAt: null,
        ...(fields.includes("roles") || fields.includes("enabled") ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
  }
  if (plan.people.disabled.length) {
    await tx.user.updateMany({ where: { email: { in: plan.people.disabled }, disabledAt: null }, data: { disabledAt: now, sessionVersion: { increment: 1 } } });
  }

  // 3. Names, kinds, parents and heads of the departments that are new or changed.
  const touched = new Set([...plan.departments.added, ...plan.departments.changed.map((c) => c.code)]);
  for (const d of desired.departments ?? []) {
    if (!touched.has(d.code)) continue;
    await tx.department.update({
      where: { id: deptId.get(d.code)! },
      data: { name: d.name, kind: d.kind, parentId: d.parentCode ? deptId.get(d.parentCode)! : null, managerId: d.headEmail ? userId.get(d.headEmail)! : null },
    });
  }

  const lineId = new Map(snap.lines.map((l) => [l.code, l.id]));
  // 4. The responsibility matrix. New owners are created in the file's order: routing breaks ties by
  // the longest-standing assignment, so the order column ranks them.
  if (desired.matrix) {
    for (const code of plan.matrix.linesAdded) {
      const name = desired.matrix.find((a) => a.lineCode === code && a.lineName)!.lineName!;
      lineId.set(code, (await tx.businessLine.create({ data: { code, name } })).id);
    }
    const wanted = new Set(plan.matrix.added.map((a) => `${a.line}\n${a.owner}`));
    const ordered = [...desired.matrix].sort((a, b) => a.order - b.order || a.row - b.row).filter((a) => wanted.has(`${a.lineCode}\n${a.ownerEmail}`));
    let tick = 0;
    for (const a of ordered) {
      const key = { lineId: lineId.get(a.lineCode)!, userId: userId.get(a.ownerEmail)! };
      const createdAt = new Date(now.getTime() + tick++);
      await tx.responsibilityAssignment.upsert({ where: { lineId_userId: key }, create: { ...key, active: true, createdAt }, update: { active: true, createdAt } });
    }
    for (const r of plan.matrix.removed) {
      await tx.responsibilityAssignment.updateMany({ where: { lineId: lineId.get(r.line)!, userId: userId.get(r.owner)! }, data: { active: false } });
    }
  }

  // 5. The on-duty roster: entries of the file's 条线 from now on are replaced by the file's.
  for (const d of plan.roster.removed) {
    await tx.dutyRoster.deleteMany({ where: { lineId: lineId.get(d.line)!, userId: userId.get(d.person)!, startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) } });
  }
  if (plan.roster.added.length) {
    await tx.dutyRoster.createMany({ data: plan.roster.added.map((d) => ({ lineId: lineId.get(d.line)!, userId: userId.get(d.person)!, startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) })) });
  }
}
