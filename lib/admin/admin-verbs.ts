import "server-only";
import { policyScopeOf } from "../analytics/scope";
import { denyAccess } from "../auth/deny-access";
import { hasRole } from "../auth/roles";
import { ForbiddenError, isUniqueViolation, ValidationError } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { forgetCalendar } from "../time/calendar";
import { HANDOFF_RECEIVERS_SETTING } from "../questions/handoff-receivers";
import { assignmentInput, calendarOverrideInput, handoffReceiversInput, phraseInput, rosterInput, synonymInput, timeLimitInput, userUpdateInput } from "./schemas";

function requireAdmin(ctx: Ctx) {
  if (!hasRole(ctx.actor, "ADMIN")) throw new ForbiddenError("需要管理员权限");
}

async function audit(ctx: Ctx, action: string, target: string, data: Record<string, unknown>) {
  await ctx.db.auditLog.create({ data: { actorId: ctx.actor.id, action, target, data: JSON.parse(JSON.stringify(data)), createdAt: ctx.now } });
}

/** Responsibility matrix: add, re-activate or deactivate a first-contact owner of a 条线. */
export async function setAssignment(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(assignmentInput, raw);
  const user = await ctx.db.user.findUnique({ where: { id: input.userId }, select: { roles: true } });
  if (!user) throw new ValidationError({ userId: "人员不存在" });
  if (input.active && !user.roles.includes("FIRST_CONTACT_OWNER")) throw new ValidationError({ userId: "此人不是首问责任人角色，请先在用户管理中授予角色" });
  await ctx.db.responsibilityAssignment.upsert({ where: { lineId_userId: { lineId: input.lineId, userId: input.userId } }, create: { lineId: input.lineId, userId: input.userId, active: input.active }, update: { active: input.active } });
  await audit(ctx, "matrix.set", input.lineId, input);
}

export async function addRosterEntry(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(rosterInput, raw);
  const entry = await ctx.db.dutyRoster.create({ data: input });
  await audit(ctx, "roster.add", entry.id, input);
  return { id: entry.id };
}

export async function savePhrase(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(phraseInput, raw);
  await ctx.db.brushOffPhrase.upsert({ where: { phrase: input.phrase }, create: input, update: { suggestion: input.suggestion, active: input.active } });
  await audit(ctx, "brushoff.save", input.phrase, input);
}

/** Role changes and disabling take effect on the user's next request (the session version moves on). */
export async function updateUser(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(userUpdateInput, raw);
  if (input.userId === ctx.actor.id && (input.disabled || (input.roles && !input.roles.includes("ADMIN")))) {
    throw new ValidationError({ userId: "不能停用自己或取消自己的管理员角色" });
  }
  await ctx.db.user
    .update({
      where: { id: input.userId },
      data: {
        ...(input.roles ? { roles: input.roles } : {}),
        ...(input.disabled === undefined ? {} : { disabledAt: input.disabled ? ctx.now : null }),
        ...(input.oidcSubject === undefined ? {} : { oidcSubject: input.oidcSubject }),
        sessionVersion: { increment: 1 },
      },
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new ValidationError({ oidcSubject: "这个单点登录标识已绑定到另一个用户" });
      throw err;
    });
  await audit(ctx, "user.update", input.userId, input);
}

/**
 * Policy owners (and admins) extend the synonym dictionary; the search picks it up on its next refresh.
 * Synonyms change every search of their 条线 (or, without one, of everyone), so a policy owner adds them
 * only for the 条线 they own, like their other actions; company-wide ones are for admins.
 */
export async function addSynonyms(ctx: Ctx, raw: unknown) {
  if (!hasRole(ctx.actor, "ADMIN", "POLICY_OWNER")) throw new ForbiddenError("需要制度负责人或管理员权限");
  const input = parseInput(synonymInput, raw);
  if (input.lineId && !(await ctx.db.businessLine.count({ where: { id: input.lineId } }))) throw new ValidationError({ lineId: "条线不存在" });
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  if (!scope.all && !input.lineId) throw await denyAccess(ctx, "synonyms.add", "global", new ForbiddenError("全公司通用的同义词只能由管理员添加，请选择你负责的条线"));
  if (!scope.all && !scope.lineIds.includes(input.lineId!)) throw await denyAccess(ctx, "synonyms.add", input.lineId!, new ForbiddenError("只能为自己负责的条线添加同义词"));
  const row = await ctx.db.searchSynonym.create({ data: { terms: [...new Set(input.terms)], lineId: input.lineId ?? null, createdById: ctx.actor.id, createdAt: ctx.now } });
  await audit(ctx, "synonyms.add", row.id, input);
  return { id: row.id };
}

/** 时限 per 条线 (or the company default when lineId is null) and priority, in working minutes. */
export async function saveTimeLimit(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(timeLimitInput, raw);
  const existing = await ctx.db.timeLimitPolicy.findFirst({ where: { lineId: input.lineId, priority: input.priority } });
  const data = { firstResponseMinutes: input.firstResponseMinutes, resolutionMinutes: input.resolutionMinutes, escalationMinutes: input.escalationMinutes };
  if (existing) await ctx.db.timeLimitPolicy.update({ where: { id: existing.id }, data });
  else await ctx.db.timeLimitPolicy.create({ data: { lineId: input.lineId, priority: input.priority, ...data } });
  await audit(ctx, "timelimit.save", input.lineId ?? "default", input);
}

/** A date the holiday package gets wrong for this company (a workday, or a day off). */
export async function saveCalendarOverride(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(calendarOverrideInput, raw);
  const date = new Date(`${input.date}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new ValidationError({ date: "日期无效" });
  await ctx.db.calendarOverride.upsert({ where: { date }, create: { date, isWorkday: input.isWorkday, note: input.note ?? null, source: "OVERRIDE" }, update: { isWorkday: input.isWorkday, note: input.note ?? null, source: "OVERRIDE" } });
  forgetCalendar(ctx.db);
  await audit(ctx, "calendar.override", input.date, input);
}

/** People besides first-contact owners and the chain's managers who may receive a handed-on question. */
export async function setHandoffReceivers(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(handoffReceiversInput, raw);
  const userIds = [...new Set(input.userIds)];
  const found = await ctx.db.user.count({ where: { id: { in: userIds }, disabledAt: null } });
  if (found !== userIds.length) throw new ValidationError({ userIds: "有人员不存在或已停用" });
  const value = { userIds };
  await ctx.db.appSetting.upsert({ where: { key: HANDOFF_RECEIVERS_SETTING }, create: { key: HANDOFF_RECEIVERS_SETTING, value }, update: { value } });
  await audit(ctx, "handoff.receivers", HANDOFF_RECEIVERS_SETTING, value);
  return { count: userIds.length };
}
