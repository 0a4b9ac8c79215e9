// One zod schema per input: used by the forms and re-parsed in the verbs. Identity fields (asker,
// owner, status, deadlines, scores) are never part of an input.
import { z } from "zod";
import { companyTimeInput } from "../time/zone";
import { fieldKey, m, type ErrorMessage } from "../errors";

const text = (max: number, label: ErrorMessage) => z.string().trim().max(max, fieldKey("errors.field.labelTooLong", { label, max }));
const noControl = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s);

export const fileQuestionInput = z.object({
  idempotencyKey: z.string().trim().min(8, fieldKey("errors.field.idempotencyKeyMissing")).max(100),
  body: text(5000, m("errors.label.question")).min(5, fieldKey("errors.field.questionTooShort")).refine(noControl, fieldKey("errors.field.questionControlChars")),
  lineId: z.string().uuid(fieldKey("errors.field.lineRequired")),
  neededBy: companyTimeInput(fieldKey("errors.field.dateFormatWrong"), 18 * 60).optional(), // a bare date: 18:00 company time that day
  contactName: text(50, m("errors.label.name")).min(1, fieldKey("errors.field.contactNameRequired")),
  contactDepartment: text(100, m("errors.label.department")).optional(),
  contactPhone: text(50, m("errors.label.phone")).optional(),
  contactIm: text(100, m("errors.label.im")).optional(),
  namedOwnerId: z.string().uuid(fieldKey("errors.field.namedOwnerInvalid")).optional(),
  askSessionId: z.string().uuid().optional(),
  urgent: z.boolean({ error: fieldKey("errors.field.urgentInvalid") }).optional(),
  urgentReason: text(500, m("errors.label.urgentReason")).optional(),
}).strict().refine((v) => !v.urgent || (v.urgentReason?.length ?? 0) >= 2, { message: fieldKey("errors.field.urgentReasonRequired"), path: ["urgentReason"] });
type FileQuestionInput = z.infer<typeof fileQuestionInput>;

export const replyInput = z.object({
  questionId: z.string().uuid(),
  body: text(5000, m("errors.label.reply")).min(1, fieldKey("errors.field.replyRequired")).refine(noControl, fieldKey("errors.field.replyControlChars")),
  checklist: z.array(text(300, m("errors.label.checklistItem")).min(1)).max(30, fieldKey("errors.field.checklistMax")).default([]),
  expectedResolutionAt: companyTimeInput().optional(),
  citedSectionIds: z.array(z.string().uuid()).max(10).default([]),
}).strict();
type ReplyInput = z.infer<typeof replyInput>;

export const handoffInput = z.object({
  questionId: z.string().uuid(),
  toUserId: z.string().uuid().optional(),
  toLineId: z.string().uuid().optional(),
  noteDone: text(2000, m("errors.label.done")).min(2, fieldKey("errors.field.noteDoneRequired")),
  notePending: text(2000, m("errors.label.pending")).min(2, fieldKey("errors.field.notePendingRequired")),
  notePromised: text(2000, m("errors.label.promised")).min(2, fieldKey("errors.field.notePromisedRequired")),
  promisedBy: companyTimeInput().optional(),
  expectedVersion: z.number().int().min(0),
}).strict().refine((v) => !!v.toUserId !== !!v.toLineId, { message: fieldKey("errors.field.handoffTargetRequired"), path: ["toUserId"] });
type HandoffInput = z.infer<typeof handoffInput>;

export const respondHandoffInput = z.object({
  handoffId: z.string().uuid(),
  accept: z.boolean(),
  declineReason: text(1000, m("errors.label.declineReason")).optional(),
}).strict().refine((v) => v.accept || (v.declineReason?.length ?? 0) >= 2, { message: fieldKey("errors.field.declineReasonRequired"), path: ["declineReason"] });
type RespondHandoffInput = z.infer<typeof respondHandoffInput>;

export const resolveInput = z.object({
  questionId: z.string().uuid(),
  kind: z.enum(["EXISTING_POLICY", "POLICY_UNCLEAR", "NO_POLICY"], { error: fieldKey("errors.field.resolutionKindRequired") }),
  note: text(5000, m("errors.label.note")).optional(),
  citedSectionIds: z.array(z.string().uuid()).max(10).default([]),
}).strict().superRefine((v, ctx) => {
  if (v.kind !== "NO_POLICY" && v.citedSectionIds.length === 0) ctx.addIssue({ code: "custom", message: fieldKey("errors.field.citeOneSection"), path: ["citedSectionIds"] });
  if (v.kind === "POLICY_UNCLEAR" && !v.note?.trim()) ctx.addIssue({ code: "custom", message: fieldKey("errors.field.unclearNoteRequired"), path: ["note"] });
});
type ResolveInput = z.infer<typeof resolveInput>;

/** A client-made key per submit (the form keeps it until the submit succeeds): a repeat is the same create. */
export const idempotencyKey = z.string({ error: fieldKey("errors.field.idempotencyKeyMissing") }).trim().min(8, fieldKey("errors.field.idempotencyKeyMissing")).max(100, fieldKey("errors.field.idempotencyKeyTooLong"));

export const rateInput = z.object({
  questionId: z.string().uuid(),
  idempotencyKey,
  score: z.number().int().min(1, fieldKey("errors.field.scoreRange")).max(5, fieldKey("errors.field.scoreRange")),
  reasons: z.array(text(50, m("errors.label.reason"))).max(10).default([]),
  policyClear: z.boolean().optional(),
  comment: text(1000, m("errors.label.ratingComment")).optional(),
}).strict();

export const complaintInput = z.object({
  questionId: z.string().uuid(),
  idempotencyKey,
  reason: text(2000, m("errors.label.complaintReason")).min(5, fieldKey("errors.field.complaintReasonRequired")),
}).strict();
