import { serverEnv, webhookPolicy } from "../env";
import { createEmailSender, smtpTransporter, type EmailSender } from "./email";
import { createWebhookSender, type WebhookFormat, type WebhookSender } from "./webhook";

export interface Transports {
  /** null when no SMTP server is configured: e-mail deliveries then fail visibly and retry. */
  email: EmailSender | null;
  webhook: WebhookSender;
  webhookFormat?: WebhookFormat;
}

/** The transports the worker uses, from SMTP_URL / MAIL_FROM and the webhook policy (WEBHOOK_*). */
export function transportsFromEnv(): Transports {
  const env = serverEnv();
  return {
    email: env.SMTP_URL ? createEmailSender({ transporter: smtpTransporter(env.SMTP_URL), from: env.MAIL_FROM }) : null,
    webhook: createWebhookSender({ policy: webhookPolicy() }),
  };
}
