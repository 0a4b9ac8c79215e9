// The portal's HTTP server: Next.js behind a thin node:http layer that owns the client address.
// `next start` passes a client's own X-Forwarded-For through, which would let anyone pick the IP the
// sign-in throttle sees. Here the header is replaced by the socket address, or, behind a trusted
// reverse proxy (TRUST_PROXY=true), the socket address is appended to what the proxy sent.
//   tsx scripts/serve.ts dev|start --port N --hostname H
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { serverEnv } from "../lib/env";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { port: { type: "string" }, hostname: { type: "string" } } });
const dev = positionals[0] === "dev";
const port = Number(values.port ?? 3000);
const hostname = values.hostname ?? "127.0.0.1";
const trustProxy = serverEnv().TRUST_PROXY;

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const socketAddress = req.socket.remoteAddress ?? "unknown";
  const forwarded = trustProxy ? req.headers["x-forwarded-for"] : undefined;
  req.headers["x-forwarded-for"] = forwarded ? `${String(forwarded)}, ${socketAddress}` : socketAddress;
  if (!trustProxy) delete req.headers["x-real-ip"];
  // A request id for logs and error pages; a client-supplied one is kept only if it looks like one.
  const given = req.headers["x-request-id"];
  if (typeof given !== "string" || !/^[A-Za-z0-9-]{8,64}$/.test(given)) req.headers["x-request-id"] = randomUUID();
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`[shouwen] portal listening on http://${hostname}:${port}`));

const shutdown = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
