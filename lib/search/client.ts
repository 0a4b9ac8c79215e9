// The one door to Meilisearch: the official `meilisearch` client, sending its requests through
// node:http with keep-alive and no compression. Node's fetch asks for gzip and then stalls ~40 ms
// per Meilisearch answer (Nagle + delayed ACK); this path answers in ~1 ms (docs/decisions/0008).
import { Agent, request } from "node:http";
import { Meilisearch, MeiliSearchApiError, type EnqueuedTask, type Task } from "meilisearch";
import { serverEnv } from "../env";

const agent = new Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 });

/** Default time a Meilisearch request may take (searches on the request path pass their own). */
const REQUEST_TIMEOUT_MS = 5000;

export interface MeiliConfig {
  host: string;
  apiKey: string;
}

export function meiliConfig(): MeiliConfig {
  const env = serverEnv();
  return { host: env.MEILI_HOST, apiKey: env.MEILI_MASTER_KEY };
}

/**
 * The client's custom HTTP function: one node:http request on the keep-alive agent, identity
 * encoding, a socket timeout (no AbortController and timer per request: the client's own `timeout`
 * option is left unset) and a caller's abort signal honoured. An error status becomes the client's
 * own MeiliSearchApiError, as its fetch path would.
 */
export function nodeHttpClient(input: string | URL | Request, init: RequestInit = {}, timeoutMs = REQUEST_TIMEOUT_MS): Promise<unknown> {
  const url = new URL(String(input instanceof Request ? input.url : input));
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => (headers[key] = value));
  headers["accept-encoding"] = "identity";
  const payload = typeof init.body === "string" ? Buffer.from(init.body) : undefined;
  if (payload) headers["content-length"] = String(payload.length);
  const signal = init.signal ?? undefined;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const req = request(url, { method: init.method ?? "GET", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        signal?.removeEventListener("abort", onAbort);
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          const json = text ? JSON.parse(text) : undefined;
          const status = res.statusCode ?? 500;
          if (status >= 400) reject(new MeiliSearchApiError(new Response(text || null, { status, statusText: res.statusMessage ?? "" }), json));
          else resolve(json);
        } catch (err) {
          reject(err);
        }
      });
      res.on("error", reject);
    });
    const onAbort = () => {
      req.destroy();
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`Meilisearch did not answer within ${timeoutMs} ms`)));
    req.on("error", (err) => {
      signal?.removeEventListener("abort", onAbort);
      reject(err);
    });
    if (payload) req.write(payload);
    req.end();
  });
}

const clients = new Map<string, Meilisearch>();

/** The official client for a server (one per host, key and timeout; all share the keep-alive agent). */
export function meiliClient(config: MeiliConfig = meiliConfig(), timeoutMs = REQUEST_TIMEOUT_MS): Meilisearch {
  const key = `${config.host}\u0000${config.apiKey}\u0000${timeoutMs}`;
  let client = clients.get(key);
  if (!client) {
    client = new Meilisearch({ host: config.host, apiKey: config.apiKey, httpClient: (input, init) => nodeHttpClient(input, init, timeoutMs) });
    clients.set(key, client);
  }
  return client;
}

/** The API error behind a client error (the client wraps what its HTTP function throws), if any. */
export function meiliApiError(err: unknown): MeiliSearchApiError | undefined {
  for (let e = err; e instanceof Error; e = e.cause) if (e instanceof MeiliSearchApiError) return e;
  return undefined;
}

/**
 * Waits for an enqueued task (polling 10 ms, backing off to 250 ms) and throws when it failed or was
 * canceled. Own loop rather than the client's waitTask: that one adds an abort listener per poll.
 */
export async function settled(task: PromiseLike<EnqueuedTask> | EnqueuedTask, config?: MeiliConfig, timeoutMs = 60_000): Promise<Task> {
  const { taskUid } = await task;
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    const t = await meiliClient(config).tasks.getTask(taskUid);
    if (t.status === "succeeded") return t;
    if (t.status === "failed" || t.status === "canceled") throw new Error(`Meilisearch task ${taskUid} (${t.type}) ${t.status}: ${t.error?.message ?? ""}`);
    if (Date.now() >= deadline) throw new Error(`Meilisearch task ${taskUid} did not finish within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

export async function pingSearch(config?: MeiliConfig): Promise<boolean> {
  const res = await meiliClient(config, 1000).health();
  return res.status === "available";
}
