import { z } from "zod";

const webhook = z
  .object({
    enabled: z.boolean(),
    address: z
      .string()
      .trim()
      .max(1000, "地址不能超过 1000 个字符")
      .transform((v) => v || null)
      .nullable()
      .default(null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.enabled && !v.address) ctx.addIssue({ code: "custom", message: "开启时请填写机器人 webhook 地址", path: ["address"] });
    // Where the address may point depends on the deployment's policy: checked by the verb (lib/notify/preferences.ts).
  });

export const preferencesInput = z
  .object({
    email: z.object({ enabled: z.boolean({ error: "请选择是否接收邮件" }) }).strict(),
    wecom: webhook,
    dingtalk: webhook,
    feishu: webhook,
  })
  .strict();
export type PreferencesInput = z.infer<typeof preferencesInput>;

export const retryInput = z.object({ id: z.string().uuid("通知编号无效") }).strict();
