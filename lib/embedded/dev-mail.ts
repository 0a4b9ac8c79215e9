// Development only: a local SMTP server that keeps every message as an .eml file under .data/mail/,
// so `npm run dev` shows real notification mail without an external mail server.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { assertPortFree } from "./ports";

export async function startDevMailbox(options: { dataDir: string; port: number; log: (m: string) => void }): Promise<{ url: string; stop(): Promise<void> }> {
  await assertPortFree(options.port, "the development mailbox (SMTP)");
  // smtp-server is a development dependency: imported only here, only in development.
  const { SMTPServer } = await import("smtp-server");
  const dir = path.join(options.dataDir, "mail");
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${Math.random().toString(36).slice(2, 8)}.eml`);
        writeFileSync(file, Buffer.concat(chunks));
        options.log(`mail captured: ${path.relative(process.cwd(), file)}`);
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", () => resolve()));
  return { url: `smtp://127.0.0.1:${options.port}`, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
