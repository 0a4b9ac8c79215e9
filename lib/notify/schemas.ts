import { z } from "zod";

const address = z
  .string()
  .trim()
  .max(1000, "地址不能超过 1000 个字符")
  .transform((v) => v || null)
  .nullable()
  .default(null);

const addressGiven = (v: { enabled: boolean; address: string | null }, ctx: z.RefinementCtx) => {
  if (v.enabled && !v.address) ctx.addIssue({ code: "custom", message: "开启时请填写机器人 webhook 地址", path: ["address"] });
  // Where the address may point depends on the deployment's policy: checked by the verb (lib/notify/preferences.ts).
};

const webhook = z.object({ enabled: z.boolean(), address }).strict().superRefine(addressGiven);

// 加签 secret of a 钉钉 / 飞书 bot. Empty or absent keeps the stored one (it is never sent back to the
// browser); `clearSecret: true` removes it.
const secret = z
  .string()
  .trim()
  .max(200, "密钥不能超过 200 个字符")
  .regex(/^[\x21-\x7e]*$/, "密钥只能包含英文字母、数字和符号，不能有空格")
  .transform((v) => v || null)
  .nullable()
  .default(null);

const signedWebhook = z
  .object({ enabled: z.boolean(), address, secret, clearSecret: z.boolean().default(false) })
  .strict()
  .superRefine(addressGiven);

export const preferencesInput = z
  .object({
    email: z.object({ enabled: z.boolean({ error: "请选择是否接收邮件" }) }).strict(),
    wecom: webhook,
    dingtalk: signedWebhook,
    feishu: signedWebhook,
  })
  .strict();
export type PreferencesInput = z.infer<typeof preferencesInput>;

export const retryInput = z.object({ id: z.string().uuid("通知编号无效") }).strict();
