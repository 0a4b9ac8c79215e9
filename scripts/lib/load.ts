// One autocannon run, bounded in time, with every response's latency kept (autocannon's own histogram
// keeps whole milliseconds; raw Meilisearch answers in well under one).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface Autocannon {
  (opts: Record<string, unknown>, cb: (err: Error | null, result: AutocannonResult) => void): NodeJS.EventEmitter & { stop(): void };
}

export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  requests: { total: number; average: number };
  statusCodeStats: Record<string, { count: number }>;
}

export interface LoadRow {
  name: string;
  connections: number;
  result: AutocannonResult;
  latencies: number[];
}

export interface LoadOptions {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  /**
   * Called for every request: its path, body and/or headers (merged over `headers`). `context` belongs
   * to the connection, which has one request in flight at a time: what is put there is read back by
   * `onResponse` for that request's answer.
   */
  next: (context: Record<string, unknown>) => { path?: string; body?: string; headers?: Record<string, string> };
  onResponse?: (status: number, context: Record<string, unknown>) => void;
}

export function load(name: string, opts: LoadOptions): Promise<LoadRow> {
  const autocannon = require("autocannon") as Autocannon;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        method: opts.method,
        headers: opts.headers,
        connections: opts.connections,
        duration: opts.durationS,
        timeout: 10,
        requests: [
          {
            setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
              const n = opts.next(context);
              return { ...req, ...n, headers: { ...(req.headers as Record<string, string>), ...opts.headers, ...n.headers } };
            },
            onResponse: (status: number, _body: string, context: Record<string, unknown>) => opts.onResponse?.(status, context),
          },
        ],
      },
      (err, result) => {
        clearTimeout(guard);
        if (err) reject(err);
        else resolve({ name, connections: opts.connections, result, latencies });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
    const guard = setTimeout(() => instance.stop(), (opts.durationS + 30) * 1000);
  });
}

export const requestsPerSecond = (r: LoadRow) => r.result.requests.total / r.result.duration;
