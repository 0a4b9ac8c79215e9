// Inputs of the escalated manager's actions and of urgency changes: one zod schema each, used by the
// forms and re-parsed in the verbs. Each carries the version the actor's page showed: the decision is
// taken on that state, and anything that changed since is a 409.
import { z } from "zod";
import { companyTimeInput } from "../time/zone";
import { fieldKey, m, type ErrorMessage } from "../errors";

const text = (max: number, label: ErrorMessage, min: number, missing: string) => z.string({ error: missing }).trim().min(min, missing).max(max, fieldKey("errors.field.labelTooLong", { label, max }));
const target = { questionId: z.string().uuid(), expectedVersion: z.number({ error: fieldKey("errors.field.versionMissing") }).int().min(0) };

export const instructInput = z.object({ ...target, note: text(2000, m("errors.label.instruction"), 2, fieldKey("errors.field.instructionRequired")) }).strict();
export const acknowledgeInstructionInput = z.object(target).strict();
export const reassignInput = z.object({ ...target, toUserId: z.string({ error: fieldKey("errors.field.newOwnerRequired") }).uuid(fieldKey("errors.field.newOwnerRequired")), note: text(2000, m("errors.label.reassignNote"), 2, fieldKey("errors.field.reassignNoteRequired")) }).strict();
export const extendDeadlineInput = z.object({ ...target, dueAt: companyTimeInput(), reason: text(1000, m("errors.label.extensionReason"), 2, fieldKey("errors.field.extensionReasonRequired")) }).strict();
export const takeOverInput = z.object({ ...target, note: z.string().trim().max(1000, fieldKey("errors.field.note1000")).optional() }).strict();
export const urgencyInput = z.object({ ...target, urgent: z.boolean({ error: fieldKey("errors.field.urgencyRequired") }), reason: text(500, m("errors.label.reasonShort"), 2, fieldKey("errors.field.reasonRequiredText")) }).strict();
