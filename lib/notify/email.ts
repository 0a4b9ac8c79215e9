// E-mail through nodemailer. The transporter is injectable so tests (and the dev mail catcher) can
// pass their own; the Message-ID carries the notification id so a repeated send is recognisable.
import nodemailer, { type Transporter } from "nodemailer";
import { renderHtml, renderSubject, renderText, type Message } from "./message";

export interface EmailSender {
  send(to: string, message: Message, id: string): Promise<void>;
}

export function smtpTransporter(smtpUrl: string, timeoutMs = 15_000): Transporter {
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs * 2 } as Parameters<typeof nodemailer.createTransport>[0]);
}

export function createEmailSender(options: { transporter: Transporter; from: string }): EmailSender {
  return {
    async send(to, message, id) {
      await options.transporter.sendMail({
        from: options.from,
        to,
        subject: renderSubject(message),
        text: renderText(message, id),
        html: renderHtml(message, id),
        messageId: `<${id}@shouwen>`,
        headers: { "X-Shouwen-Notification": id, "Auto-Submitted": "auto-generated" },
      });
    },
  };
}
