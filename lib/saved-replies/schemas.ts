import { z } from "zod";
import { PLACEHOLDERS, unknownPlaceholders } from "./placeholders";

const noControl = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s);

const fields = {
  title: z.string({ error: "请填写标题" }).trim().min(1, "请填写标题").max(60, "标题不能超过 60 个字").refine(noControl, "标题包含不可见的控制字符"),
  body: z.string({ error: "请填写答复内容" }).trim().min(1, "请填写答复内容").max(5000, "答复内容不能超过 5000 个字").refine(noControl, "答复内容包含不可见的控制字符")
    .superRefine((body, ctx) => {
      const unknown = unknownPlaceholders(body);
      if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `不认识的占位符 ${unknown.map((u) => `{${u}}`).join(" ")}；可用：${PLACEHOLDERS.map((p) => `{${p}}`).join(" ")}` });
    }),
};

/** A new saved reply: mine (scope "mine") or shared by a 条线 (scope "line" with lineId). The owner is never input. */
export const createSavedReplyInput = z.object({
  scope: z.enum(["mine", "line"], { error: "请选择范围：我的 或 条线" }),
  lineId: z.string().uuid("条线无效").optional(),
  ...fields,
}).strict().refine((v) => v.scope === "mine" || !!v.lineId, { message: "条线范围的常用答复须选择条线", path: ["lineId"] })
  .refine((v) => v.scope === "line" || !v.lineId, { message: "我的常用答复不属于条线", path: ["lineId"] });

export const updateSavedReplyInput = z.object({
  id: z.string().uuid("常用答复不存在"),
  title: fields.title.optional(),
  body: fields.body.optional(),
}).strict().refine((v) => v.title !== undefined || v.body !== undefined, { message: "没有要修改的内容", path: ["body"] });

export const savedReplyIdInput = z.object({ id: z.string().uuid("常用答复不存在") }).strict();

export const listSavedRepliesInput = z.object({
  line: z.string().trim().uuid("条线无效").optional(),
}).strict();
