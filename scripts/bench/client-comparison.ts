// bench:search: the official Meilisearch client (lib/search/client.ts) against the hand-written
// keep-alive request it replaced (./legacy-meili-request.ts), on the same searches in one run.
// A/B interleaved per query: each question is sent through both, the order alternating from one
// question (and pass) to the next, so load from other processes falls on both alike; the first pass
// warms both connections and the index and is not counted.
import { meiliClient, type MeiliConfig } from "../../lib/search/client";
import { sectionsIndexUid } from "../../lib/search/meili-index";
import { percentile, table, verdict } from "../lib/report";
import { legacyMeiliRequest } from "./legacy-meili-request";

const MEASURED_PASSES = 5;

export interface ClientComparison {
  units: number;
  legacy: number[];
  official: number[];
  /** CPU of this process per search (µs, user + system), which the machine's load does not change */
  cpuUs: [number, number];
}

const ms3 = (x: number) => (Number.isNaN(x) ? "n/a" : x.toFixed(3));

export async function compareClients(meili: { prefix: string; config: MeiliConfig }, texts: string[]): Promise<ClientComparison> {
  const uid = sectionsIndexUid(meili.prefix);
  const index = meiliClient(meili.config).index(uid);
  // The body the portal sends (lib/search/search-clauses.ts, meiliCandidates).
  const body = (q: string) => ({ q, limit: 10, attributesToRetrieve: ["id"], matchingStrategy: "frequency" as const });
  const legacyPath = `/indexes/${uid}/search`;
  const paths = [(q: string) => legacyMeiliRequest("POST", legacyPath, body(q), meili.config), (q: string) => index.search(q, body(q))] as const;
  const timings: [number[], number[]] = [[], []];
  const cpu = [0, 0];
  for (let pass = 0; pass <= MEASURED_PASSES; pass++) {
    for (let i = 0; i < texts.length; i++) {
      const first = (i + pass) % 2; // A then B, then B then A: each goes first equally often
      for (const k of [first, 1 - first] as const) {
        const cpu0 = process.cpuUsage();
        const started = performance.now();
        await paths[k]!(texts[i]!);
        const took = performance.now() - started;
        const used = process.cpuUsage(cpu0);
        if (pass > 0) {
          timings[k]!.push(took);
          cpu[k]! += used.user + used.system;
        }
      }
    }
  }
  const n = timings[0].length;
  return { units: (await index.getStats()).numberOfDocuments, legacy: timings[0], official: timings[1], cpuUs: [cpu[0]! / n, cpu[1]! / n] };
}

export function printClientComparison(c: ClientComparison): void {
  const n = c.legacy.length;
  console.log(`\n== Meilisearch client: ${n / MEASURED_PASSES} searches × ${MEASURED_PASSES} passes (after one warm-up pass), A/B interleaved, index of ${c.units} units (loopback, sequential) ==`);
  const row = (name: string, t: number[], cpuUs: number) => [name, `${ms3(percentile(t, 50))} ms`, `${ms3(percentile(t, 97.5))} ms`, `${ms3(percentile(t, 99))} ms`, `${ms3(t.reduce((a, b) => a + b, 0) / t.length)} ms`, `${cpuUs.toFixed(0)} µs`, t.length];
  console.log(
    table(
      ["transport", "p50", "p97.5", "p99", "mean", "CPU/search", "searches"],
      [row("A  before: hand-written node:http request (baseline)", c.legacy, c.cpuUs[0]), row("B  after: meilisearch client on an undici pool", c.official, c.cpuUs[1])],
    ),
  );
  console.log("  CPU/search: this process's CPU (user + system) per search, the client's own work; latency also holds Meilisearch's and the scheduler's");
  // Paired view: the same question in the same pass, a few microseconds apart.
  const diffs = c.official.map((t, i) => t - c.legacy[i]!);
  const faster = diffs.filter((d) => d <= 0).length;
  console.log(`  paired (B − A, same question and pass): median ${(percentile(diffs, 50) * 1000).toFixed(0)} µs; B at or below A in ${faster}/${n} pairs`);
  const [a50, b50, a97, b97] = [percentile(c.legacy, 50), percentile(c.official, 50), percentile(c.legacy, 97.5), percentile(c.official, 97.5)];
  console.log(`  official client at or below the hand-written request: p50 ${ms3(b50)} vs ${ms3(a50)} ms → ${verdict(b50 <= a50)}; p97.5 ${ms3(b97)} vs ${ms3(a97)} ms → ${verdict(b97 <= a97)}; CPU/search ${c.cpuUs[1].toFixed(0)} vs ${c.cpuUs[0].toFixed(0)} µs → ${verdict(c.cpuUs[1] <= c.cpuUs[0])}`);
}
