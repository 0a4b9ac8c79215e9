import { z } from "zod";
import { fieldKey } from "../errors";

const address = z
  .string()
  .trim()
  .max(1000, fieldKey("errors.field.addressTooLong"))
  .transform((v) => v || null)
  .nullable()
  .default(null);

const addressGiven = (v: { enabled: boolean; address: string | null }, ctx: z.RefinementCtx) => {
  if (v.enabled && !v.address) ctx.addIssue({ code: "custom", message: fieldKey("errors.field.webhookRequired"), path: ["address"] });
  // Where the address may point depends on the deployment's policy: checked by the verb (lib/notify/preferences.ts).
};

const webhook = z.object({ enabled: z.boolean(), address }).strict().superRefine(addressGiven);

// 加签 secret of a 钉钉 / 飞书 bot. Empty or absent keeps the stored one (it is never sent back to the
// browser); `clearSecret: true` removes it.
const secret = z
  .string()
  .trim()
  .max(200, fieldKey("errors.field.secretTooLong"))
  .regex(/^[\x21-\x7e]*$/, fieldKey("errors.field.secretChars"))
  .transform((v) => v || null)
  .nullable()
  .default(null);

const signedWebhook = z
  .object({ enabled: z.boolean(), address, secret, clearSecret: z.boolean().default(false) })
  .strict()
  .superRefine(addressGiven);

export const preferencesInput = z
  .object({
    email: z.object({ enabled: z.boolean({ error: fieldKey("errors.field.emailChoiceRequired") }) }).strict(),
    wecom: webhook,
    dingtalk: signedWebhook,
    feishu: signedWebhook,
  })
  .strict();
export type PreferencesInput = z.infer<typeof preferencesInput>;

export const retryInput = z.object({ id: z.string().uuid(fieldKey("errors.field.notificationIdInvalid")) }).strict();
