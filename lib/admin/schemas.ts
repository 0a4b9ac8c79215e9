import { z } from "zod";
import { ROLES } from "../auth/roles";
import { companyTimeInput } from "../time/zone";
import { fieldKey } from "../errors";

export const assignmentInput = z.object({ lineId: z.string().uuid(fieldKey("errors.field.lineRequired")), userId: z.string().uuid(fieldKey("errors.field.personRequired")), active: z.boolean().default(true) }).strict();
export const rosterInput = z
  .object({ lineId: z.string().uuid(fieldKey("errors.field.lineRequired")), userId: z.string().uuid(fieldKey("errors.field.personRequired")), startsAt: companyTimeInput(fieldKey("errors.field.startInvalid")), endsAt: companyTimeInput(fieldKey("errors.field.endInvalid")) })
  .strict()
  .refine((v) => v.endsAt > v.startsAt, { message: fieldKey("errors.field.endBeforeStart"), path: ["endsAt"] });
export const phraseInput = z.object({ phrase: z.string().trim().min(2, fieldKey("errors.field.atLeast2Chars")).max(30), suggestion: z.string().trim().min(4, fieldKey("errors.field.suggestionRequired")).max(200), active: z.boolean().default(true) }).strict();
// The OpenID Connect subject (`sub`) an admin binds to an account: SSO then signs in to it whatever
// e-mail the provider reports (lib/auth/link-oidc-account.ts). Empty or null unbinds.
const oidcSubject = z
  .string()
  .trim()
  .max(255, fieldKey("errors.field.ssoTooLong"))
  .regex(/^[^\u0000-\u001f\u007f]*$/, fieldKey("errors.field.ssoControlChars"))
  .nullable()
  .transform((s) => s || null);
export const userUpdateInput = z
  .object({ userId: z.string().uuid(), roles: z.array(z.enum(ROLES)).min(1, fieldKey("errors.field.keepOneRole")).optional(), disabled: z.boolean().optional(), oidcSubject: oidcSubject.optional() })
  .strict();
export const synonymInput = z.object({ terms: z.array(z.string().trim().min(1).max(30)).min(2, fieldKey("errors.field.twoSynonyms")).max(20), lineId: z.string().uuid().optional() }).strict();
export const timeLimitInput = z
  .object({
    lineId: z.string().uuid().nullable().default(null),
    priority: z.enum(["NORMAL", "URGENT"]).default("NORMAL"),
    firstResponseMinutes: z.number().int().min(1, fieldKey("errors.field.atLeast1Minute")).max(100_000),
    resolutionMinutes: z.number().int().min(1, fieldKey("errors.field.atLeast1Minute")).max(100_000),
    escalationMinutes: z.number().int().min(1, fieldKey("errors.field.atLeast1Minute")).max(100_000),
  })
  .strict()
  .refine((v) => v.resolutionMinutes >= v.firstResponseMinutes, { message: fieldKey("errors.field.resolutionBeforeResponse"), path: ["resolutionMinutes"] });
export const calendarOverrideInput = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldKey("errors.field.dateFormat")), isWorkday: z.boolean(), note: z.string().trim().max(100).optional() }).strict();
export const handoffReceiversInput = z
  .object({ userIds: z.array(z.string().uuid(fieldKey("errors.field.personIdInvalid")), { error: fieldKey("errors.field.personRequired") }).max(500, fieldKey("errors.field.max500People")) })
  .strict();
