import { z } from "zod";
import { PLACEHOLDERS, unknownPlaceholders } from "./placeholders";
import { fieldKey } from "../errors";

const noControl = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s);

const fields = {
  title: z.string({ error: fieldKey("errors.field.titleRequired") }).trim().min(1, fieldKey("errors.field.titleRequired")).max(60, fieldKey("errors.field.title60")).refine(noControl, fieldKey("errors.field.titleControlChars")),
  body: z.string({ error: fieldKey("errors.field.replyBodyRequired") }).trim().min(1, fieldKey("errors.field.replyBodyRequired")).max(5000, fieldKey("errors.field.replyBody5000")).refine(noControl, fieldKey("errors.field.replyBodyControlChars"))
    .superRefine((body, ctx) => {
      const unknown = unknownPlaceholders(body);
      if (unknown.length > 0) ctx.addIssue({ code: "custom", message: fieldKey("errors.field.unknownPlaceholder", { value: unknown.map((u) => `{${u}}`).join(" "), value2: PLACEHOLDERS.map((p) => `{${p}}`).join(" ") }) });
    }),
};

/** A new saved reply: mine (scope "mine") or shared by a 条线 (scope "line" with lineId). The owner is never input. */
export const createSavedReplyInput = z.object({
  scope: z.enum(["mine", "line"], { error: fieldKey("errors.field.scopeRequired") }),
  lineId: z.string().uuid(fieldKey("errors.field.lineInvalid")).optional(),
  ...fields,
}).strict().refine((v) => v.scope === "mine" || !!v.lineId, { message: fieldKey("errors.field.lineScopeNeedsLine"), path: ["lineId"] })
  .refine((v) => v.scope === "line" || !v.lineId, { message: fieldKey("errors.field.mineScopeNoLine"), path: ["lineId"] });

export const updateSavedReplyInput = z.object({
  id: z.string().uuid(fieldKey("errors.field.savedReplyNotFound")),
  title: fields.title.optional(),
  body: fields.body.optional(),
}).strict().refine((v) => v.title !== undefined || v.body !== undefined, { message: fieldKey("errors.field.nothingToChange"), path: ["body"] });

export const savedReplyIdInput = z.object({ id: z.string().uuid(fieldKey("errors.field.savedReplyNotFound")) }).strict();

export const listSavedRepliesInput = z.object({
  line: z.string().trim().uuid(fieldKey("errors.field.lineInvalid")).optional(),
}).strict();
