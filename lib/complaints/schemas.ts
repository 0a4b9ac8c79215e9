import { z } from "zod";
import { fieldKey, m, type ErrorMessage } from "../errors";

const uuid = z.string({ error: fieldKey("errors.field.complaintIdMissing") }).uuid(fieldKey("errors.field.complaintIdInvalid"));
const text = (label: ErrorMessage, min: number, max: number) =>
  z.string({ error: fieldKey("errors.field.labelRequired", { label }) }).trim().min(min, fieldKey("errors.field.labelRequiredMin", { label, min })).max(max, fieldKey("errors.field.labelTooLong", { label, max }));

export const decideComplaintInput = z
  .object({
    complaintId: uuid,
    outcome: z.enum(["UPHELD", "REJECTED"], { error: fieldKey("errors.field.outcomeRequired") }),
    reason: text(m("errors.label.reviewReason"), 5, 2000),
  })
  .strict();

export const requestStatementInput = z
  .object({
    complaintId: uuid,
    /** Shown to the owner verbatim: the form says so. */
    note: text(m("errors.label.statementRequest"), 5, 1000),
  })
  .strict();

export const giveStatementInput = z.object({ complaintId: uuid, statement: text(m("errors.label.statement"), 5, 4000) }).strict();
