import { z } from "zod";

/** https anywhere; plain http only to this machine (local receivers in development and tests). */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "不是有效的网址";
  }
  if (url.username || url.password) return "网址中不能包含用户名或密码";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) return null;
  return "必须是 https:// 地址（http:// 只允许 127.0.0.1 或 localhost）";
}

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
    const problem = v.address ? webhookUrlProblem(v.address) : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["address"] });
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
