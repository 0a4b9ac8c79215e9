// One zod schema per input: used by the forms and re-parsed in the verbs. Identity fields (asker,
// owner, status, deadlines, scores) are never part of an input.
import { z } from "zod";
import { companyTimeInput } from "../time/zone";

const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);
const noControl = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s);

export const fileQuestionInput = z.object({
  idempotencyKey: z.string().trim().min(8, "缺少提交编号").max(100),
  body: text(5000, "问题").min(5, "请至少用 5 个字描述问题").refine(noControl, "问题包含不可见的控制字符"),
  lineId: z.string().uuid("请选择条线"),
  neededBy: companyTimeInput("日期格式不正确，应为 YYYY-MM-DD", 18 * 60).optional(), // a bare date: 18:00 company time that day
  contactName: text(50, "姓名").min(1, "请填写姓名"),
  contactDepartment: text(100, "部门").optional(),
  contactPhone: text(50, "电话").optional(),
  contactIm: text(100, "即时通讯账号").optional(),
  namedOwnerId: z.string().uuid("指定的处理人无效").optional(),
  askSessionId: z.string().uuid().optional(),
  urgent: z.boolean({ error: "紧急标记无效" }).optional(),
  urgentReason: text(500, "紧急理由").optional(),
}).strict().refine((v) => !v.urgent || (v.urgentReason?.length ?? 0) >= 2, { message: "标记紧急时请写明理由", path: ["urgentReason"] });
type FileQuestionInput = z.infer<typeof fileQuestionInput>;

export const replyInput = z.object({
  questionId: z.string().uuid(),
  body: text(5000, "回复").min(1, "请填写回复内容").refine(noControl, "回复包含不可见的控制字符"),
  checklist: z.array(text(300, "清单项").min(1)).max(30, "清单最多 30 项").default([]),
  expectedResolutionAt: companyTimeInput().optional(),
  citedSectionIds: z.array(z.string().uuid()).max(10).default([]),
}).strict();
type ReplyInput = z.infer<typeof replyInput>;

export const handoffInput = z.object({
  questionId: z.string().uuid(),
  toUserId: z.string().uuid().optional(),
  toLineId: z.string().uuid().optional(),
  noteDone: text(2000, "已做的工作").min(2, "请写明已经做了什么"),
  notePending: text(2000, "待办事项").min(2, "请写明还有什么没做"),
  notePromised: text(2000, "对提问人的承诺").min(2, "请写明对提问人承诺了什么"),
  promisedBy: companyTimeInput().optional(),
  expectedVersion: z.number().int().min(0),
}).strict().refine((v) => !!v.toUserId !== !!v.toLineId, { message: "请选择转交给某人或某个条线队列（二选一）", path: ["toUserId"] });
type HandoffInput = z.infer<typeof handoffInput>;

export const respondHandoffInput = z.object({
  handoffId: z.string().uuid(),
  accept: z.boolean(),
  declineReason: text(1000, "拒绝理由").optional(),
}).strict().refine((v) => v.accept || (v.declineReason?.length ?? 0) >= 2, { message: "拒绝时请写明理由", path: ["declineReason"] });
type RespondHandoffInput = z.infer<typeof respondHandoffInput>;

export const resolveInput = z.object({
  questionId: z.string().uuid(),
  kind: z.enum(["EXISTING_POLICY", "POLICY_UNCLEAR", "NO_POLICY"], { error: "请选择解决类型" }),
  note: text(5000, "说明").optional(),
  citedSectionIds: z.array(z.string().uuid()).max(10).default([]),
}).strict().superRefine((v, ctx) => {
  if (v.kind !== "NO_POLICY" && v.citedSectionIds.length === 0) ctx.addIssue({ code: "custom", message: "请至少引用一个条款", path: ["citedSectionIds"] });
  if (v.kind === "POLICY_UNCLEAR" && !v.note?.trim()) ctx.addIssue({ code: "custom", message: "请说明制度哪里不清楚", path: ["note"] });
});
type ResolveInput = z.infer<typeof resolveInput>;

/** A client-made key per submit (the form keeps it until the submit succeeds): a repeat is the same create. */
export const idempotencyKey = z.string({ error: "缺少提交编号" }).trim().min(8, "缺少提交编号").max(100, "提交编号过长");

export const rateInput = z.object({
  questionId: z.string().uuid(),
  idempotencyKey,
  score: z.number().int().min(1, "评分为 1-5").max(5, "评分为 1-5"),
  reasons: z.array(text(50, "原因")).max(10).default([]),
  policyClear: z.boolean().optional(),
  comment: text(1000, "评价").optional(),
}).strict();

export const complaintInput = z.object({
  questionId: z.string().uuid(),
  idempotencyKey,
  reason: text(2000, "投诉理由").min(5, "请写明投诉理由（至少 5 个字）"),
}).strict();
