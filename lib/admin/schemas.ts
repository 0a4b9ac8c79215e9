import { z } from "zod";
import { ROLES } from "../auth/roles";

export const assignmentInput = z.object({ lineId: z.string().uuid("请选择条线"), userId: z.string().uuid("请选择人员"), active: z.boolean().default(true) }).strict();
export const rosterInput = z
  .object({ lineId: z.string().uuid("请选择条线"), userId: z.string().uuid("请选择人员"), startsAt: z.coerce.date({ error: "开始时间无效" }), endsAt: z.coerce.date({ error: "结束时间无效" }) })
  .strict()
  .refine((v) => v.endsAt > v.startsAt, { message: "结束时间必须晚于开始时间", path: ["endsAt"] });
export const phraseInput = z.object({ phrase: z.string().trim().min(2, "至少 2 个字").max(30), suggestion: z.string().trim().min(4, "请给出建议话术").max(200), active: z.boolean().default(true) }).strict();
export const userUpdateInput = z.object({ userId: z.string().uuid(), roles: z.array(z.enum(ROLES)).min(1, "至少保留一个角色").optional(), disabled: z.boolean().optional() }).strict();
export const synonymInput = z.object({ terms: z.array(z.string().trim().min(1).max(30)).min(2, "至少两个同义词").max(20), lineId: z.string().uuid().optional() }).strict();
