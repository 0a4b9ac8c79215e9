import net from "node:net";
import { ServiceStartError } from "./errors";

/** Resolves when nothing listens on 127.0.0.1:port; rejects with a clear sentence otherwise. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(
        new ServiceStartError(
          err.code === "EADDRINUSE"
            ? `Port ${port} on 127.0.0.1 is already in use, so ${what} cannot start; stop the other program or choose another port.`
            : `Cannot listen on 127.0.0.1:${port} for ${what}: ${err.message}.`,
        ),
      );
    });
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve()));
  });
}

/** A port the OS says is free right now (for tests that start their own servers). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}
