import { z } from "zod";
import { ROLES } from "../auth/roles";
import { companyTimeInput } from "../time/zone";

export const assignmentInput = z.object({ lineId: z.string().uuid("请选择条线"), userId: z.string().uuid("请选择人员"), active: z.boolean().default(true) }).strict();
export const rosterInput = z
  .object({ lineId: z.string().uuid("请选择条线"), userId: z.string().uuid("请选择人员"), startsAt: companyTimeInput("开始时间无效"), endsAt: companyTimeInput("结束时间无效") })
  .strict()
  .refine((v) => v.endsAt > v.startsAt, { message: "结束时间必须晚于开始时间", path: ["endsAt"] });
export const phraseInput = z.object({ phrase: z.string().trim().min(2, "至少 2 个字").max(30), suggestion: z.string().trim().min(4, "请给出建议话术").max(200), active: z.boolean().default(true) }).strict();
// The OpenID Connect subject (`sub`) an admin binds to an account: SSO then signs in to it whatever
// e-mail the provider reports (lib/auth/link-oidc-account.ts). Empty or null unbinds.
const oidcSubject = z
  .string()
  .trim()
  .max(255, "单点登录标识最多 255 个字符")
  .regex(/^[^\u0000-\u001f\u007f]*$/, "单点登录标识不能含控制字符")
  .nullable()
  .transform((s) => s || null);
export const userUpdateInput = z
  .object({ userId: z.string().uuid(), roles: z.array(z.enum(ROLES)).min(1, "至少保留一个角色").optional(), disabled: z.boolean().optional(), oidcSubject: oidcSubject.optional() })
  .strict();
export const synonymInput = z.object({ terms: z.array(z.string().trim().min(1).max(30)).min(2, "至少两个同义词").max(20), lineId: z.string().uuid().optional() }).strict();
export const timeLimitInput = z
  .object({
    lineId: z.string().uuid().nullable().default(null),
    priority: z.enum(["NORMAL", "URGENT"]).default("NORMAL"),
    firstResponseMinutes: z.number().int().min(1, "至少 1 分钟").max(100_000),
    resolutionMinutes: z.number().int().min(1, "至少 1 分钟").max(100_000),
    escalationMinutes: z.number().int().min(1, "至少 1 分钟").max(100_000),
  })
  .strict()
  .refine((v) => v.resolutionMinutes >= v.firstResponseMinutes, { message: "办结时限不能短于首次响应时限", path: ["resolutionMinutes"] });
export const calendarOverrideInput = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式为 YYYY-MM-DD"), isWorkday: z.boolean(), note: z.string().trim().max(100).optional() }).strict();
export const handoffReceiversInput = z
  .object({ userIds: z.array(z.string().uuid("人员编号无效"), { error: "请选择人员" }).max(500, "最多 500 人") })
  .strict();
