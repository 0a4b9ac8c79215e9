// The hand-written Meilisearch request the portal used before the official `meilisearch` client
// (lib/search/client.ts at 0fe79f6^, `meili()`), kept as the baseline that bench:search measures the
// official client against (./client-comparison.ts). Nothing in lib/ uses it.
import { Agent, request } from "node:http";
import type { MeiliConfig } from "../../lib/search/client";

const agent = new Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 });

export function legacyMeiliRequest<T>(method: "GET" | "POST", path: string, body: unknown, config: MeiliConfig, timeoutMs = 5000): Promise<T> {
  const url = new URL(path, config.host);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise<T>((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${config.apiKey}`,
          "accept-encoding": "identity",
          ...(payload ? { "content-type": "application/json", "content-length": String(payload.length) } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const json = text ? JSON.parse(text) : undefined;
          if ((res.statusCode ?? 500) >= 400) reject(new Error(json?.message ?? `Meilisearch answered ${res.statusCode}`));
          else resolve(json as T);
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`Meilisearch did not answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    if (payload) req.write(payload);
    req.end();
  });
}
