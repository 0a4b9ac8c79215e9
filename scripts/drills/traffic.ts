// The mixed load the fault drills run while they break something: signed-in demo users searching
// (GET /api/search) and filing questions (POST /api/questions, each with its own idempotency key), every
// answer kept as a sample with its time, status and, for failures, the body the client saw.
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface Sample {
  kind: "search" | "file";
  startedAt: number;
  /** when the answer (or the failure) arrived, ms since the epoch */
  at: number;
  /** HTTP status; 0 = no HTTP answer (connection refused or reset, timeout) */
  status: number;
  error?: string;
  degraded?: boolean;
  key?: string;
  requestId?: string;
  retryAfter?: string;
  /** the body of a non-2xx answer (first 300 characters) */
  body?: string;
}

export interface TrafficOptions {
  base: string;
  /** session cookies of signed-in users; requests rotate over them */
  cookies: string[];
  lineIds: string[];
  queries: string[];
  /** prefix of every idempotency key this traffic sends */
  tag: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const is2xx = (s: Sample) => s.status >= 200 && s.status < 300;

export class Traffic {
  readonly samples: Sample[] = [];
  private stopped = false;
  private loops: Promise<void>[] = [];
  private n = 0;

  constructor(private readonly o: TrafficOptions) {}

  start(searchers: number, writers: number): void {
    for (let i = 0; i < searchers; i++) this.loops.push(this.loop(i, () => this.search(i), 20));
    for (let i = 0; i < writers; i++) this.loops.push(this.loop(searchers + i, () => this.file(searchers + i), 50));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
    this.loops = [];
    this.stopped = false;
  }

  /** Files one question with the given key (a client's retry after a failure) and records the answer. */
  retry(key: string, client = 0): Promise<Sample> {
    return this.file(client, key);
  }

  private async loop(client: number, once: () => Promise<Sample>, pauseMs: number): Promise<void> {
    while (!this.stopped) {
      const s = await once();
      await sleep(is2xx(s) ? pauseMs : 100 + (client % 3) * 10);
    }
  }

  private cookie(client: number): string {
    return this.o.cookies[client % this.o.cookies.length]!;
  }

  private async send(sample: Omit<Sample, "at" | "status">, url: string, init: RequestInit, client: number): Promise<Sample> {
    const s: Sample = { ...sample, at: 0, status: 0 };
    try {
      const res = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: this.cookie(client) }, signal: AbortSignal.timeout(15_000) });
      const text = await res.text();
      s.status = res.status;
      s.requestId = res.headers.get("x-request-id") ?? undefined;
      s.retryAfter = res.headers.get("retry-after") ?? undefined;
      if (res.ok && s.kind === "search") s.degraded = (JSON.parse(text) as { degraded: boolean }).degraded;
      if (!res.ok) s.body = text.slice(0, 300);
    } catch (err) {
      s.error = String((err as Error).cause ?? (err as Error).message ?? err);
    }
    s.at = Date.now();
    this.samples.push(s);
    return s;
  }

  private search(client: number): Promise<Sample> {
    const q = this.o.queries[this.n++ % this.o.queries.length]!;
    return this.send({ kind: "search", startedAt: Date.now() }, `${this.o.base}/api/search?${new URLSearchParams({ q, limit: "10" })}`, { headers: { "accept-encoding": "identity" } }, client);
  }

  private file(client: number, key = `${this.o.tag}-${++this.n}-${randomBytes(4).toString("hex")}`): Promise<Sample> {
    const body = {
      idempotencyKey: key,
      body: `演练问题 ${key}：出差住宿标准和报销流程是什么？`,
      lineId: this.o.lineIds[this.n % this.o.lineIds.length]!,
      contactName: "演练",
    };
    return this.send(
      { kind: "file", startedAt: Date.now(), key },
      `${this.o.base}/api/questions`,
      { method: "POST", headers: { "content-type": "application/json", origin: this.o.base }, body: JSON.stringify(body) },
      client,
    );
  }
}

/** The subset of `keys` that exist as questions in the database. */
export async function storedKeys(databaseUrl: string, keys: string[]): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ k: string }>(`SELECT "idempotencyKey" AS k FROM "Question" WHERE "idempotencyKey" = ANY($1::text[])`, [keys]);
    return new Set(r.rows.map((row) => row.k));
  } finally {
    await client.end();
  }
}

/** Counts of samples by status ("0" = no HTTP answer). */
export function byStatus(samples: Sample[]): string {
  const counts = new Map<number, number>();
  for (const s of samples) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([k, v]) => `${k === 0 ? "no answer" : k}: ${v}`).join(", ") || "none";
}
