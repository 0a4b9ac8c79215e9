// The one door to Meilisearch: the official `meilisearch` client, sending its requests through one
// undici connection pool per server, with keep-alive and no compression. Node's fetch asks for gzip
// and then stalls ~40 ms per Meilisearch answer (Nagle + delayed ACK); this path answers in ~1 ms
// (docs/decisions/0008, addendum: bench:search compares it with the former hand-written request).
import { Meilisearch, MeiliSearchApiError, type EnqueuedTask, type Task } from "meilisearch";
import { Pool } from "undici";
import { serverEnv } from "../env";

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

/** One keep-alive pool per Meilisearch server (origin), shared by every client of that server. */
const pools = new Map<string, Pool>();
function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) pools.set(origin, (pool = new Pool(origin, { connections: 64 })));
  return pool;
}

/**
 * The client's headers as a plain object with `accept-encoding: identity`, converted once per
 * Headers object: the client passes the same one with every request that adds no headers of its own.
 */
const plainHeaders = new WeakMap<object, Record<string, string>>();
function headersOf(init: HeadersInit | undefined): Record<string, string> {
  const cacheable = init !== undefined && typeof init === "object";
  const cached = cacheable ? plainHeaders.get(init) : undefined;
  if (cached) return cached;
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, key) => (out[key] = value));
  out["accept-encoding"] = "identity";
  if (cacheable) plainHeaders.set(init, out);
  return out;
}

/**
 * The client's custom HTTP function for one server: a request dispatched on that server's undici pool
 * with identity encoding and the pool's header/body timeouts (no AbortController and timer per
 * request: the client's own `timeout` option is left unset), the answer collected as it arrives (no
 * stream object per response). A caller's abort signal is honoured. An error status becomes the
 * client's own MeiliSearchApiError, as its fetch path would.
 */
export function meiliHttpClient(host: string, timeoutMs = REQUEST_TIMEOUT_MS) {
  const pool = poolFor(new URL(/^https?:\/\//.test(host) ? host : `http://${host}`).origin);
  return (input: string | URL | Request, init: RequestInit = {}): Promise<unknown> => {
    const url = input instanceof URL ? input : new URL(input instanceof Request ? input.url : input);
    const signal = init.signal ?? undefined;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let status = 0;
      const chunks: Buffer[] = [];
      let onAbort: (() => void) | undefined;
      const done = () => signal?.removeEventListener("abort", onAbort!);
      pool.dispatch(
        {
          path: url.pathname + url.search,
          method: (init.method ?? "GET") as "GET",
          headers: headersOf(init.headers),
          body: typeof init.body === "string" ? init.body : undefined,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        {
          onRequestStart(controller) {
            if (!signal) return;
            onAbort = () => controller.abort(signal.reason);
            signal.addEventListener("abort", onAbort, { once: true });
          },
          onResponseStart(_controller, statusCode) {
            status = statusCode;
          },
          onResponseData(_controller, chunk) {
            chunks.push(chunk);
          },
          onResponseEnd() {
            done();
            const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
            try {
              const json = text ? JSON.parse(text) : undefined;
              if (status >= 400) reject(new MeiliSearchApiError(new Response(text || null, { status }), json));
              else resolve(json);
            } catch (err) {
              reject(err);
            }
          },
          onResponseError(_controller, err) {
            done();
            reject(err);
          },
        },
      );
    });
  };
}

const clients = new Map<string, Meilisearch>();

/** The official client for a server (one per host, key and timeout; all share the server's pool). */
export function meiliClient(config: MeiliConfig = meiliConfig(), timeoutMs = REQUEST_TIMEOUT_MS): Meilisearch {
  const key = `${config.host}\u0000${config.apiKey}\u0000${timeoutMs}`;
  let client = clients.get(key);
  if (!client) {
    client = new Meilisearch({ host: config.host, apiKey: config.apiKey, httpClient: meiliHttpClient(config.host, timeoutMs) });
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
