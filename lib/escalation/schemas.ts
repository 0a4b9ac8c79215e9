// Inputs of the escalated manager's actions and of urgency changes: one zod schema each, used by the
// forms and re-parsed in the verbs. Each carries the version the actor's page showed: the decision is
// taken on that state, and anything that changed since is a 409.
import { z } from "zod";
import { companyTimeInput } from "../time/zone";

const text = (max: number, label: string, min: number, missing: string) => z.string({ error: missing }).trim().min(min, missing).max(max, `${label}不能超过 ${max} 个字`);
const target = { questionId: z.string().uuid(), expectedVersion: z.number({ error: "缺少页面版本，请刷新页面" }).int().min(0) };

export const instructInput = z.object({ ...target, note: text(2000, "督办意见", 2, "请写明督办意见") }).strict();
export const acknowledgeInstructionInput = z.object(target).strict();
export const reassignInput = z.object({ ...target, toUserId: z.string({ error: "请选择新的首问责任人" }).uuid("请选择新的首问责任人"), note: text(2000, "改派说明", 2, "请写明改派说明") }).strict();
export const extendDeadlineInput = z.object({ ...target, dueAt: companyTimeInput(), reason: text(1000, "延期理由", 2, "请写明延期理由") }).strict();
export const takeOverInput = z.object({ ...target, note: z.string().trim().max(1000, "说明不能超过 1000 个字").optional() }).strict();
export const urgencyInput = z.object({ ...target, urgent: z.boolean({ error: "请选择紧急或普通" }), reason: text(500, "理由", 2, "请写明理由") }).strict();
