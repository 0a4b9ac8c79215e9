// Lab: CPU profile of the portal under one autocannon target (not part of npm test or the benches).
//   tsx scripts/lab/profile-load.ts --path '/api/search?q=年假怎么休&limit=10' [--duration 15] [--out /tmp/prof]
// --unique appends a serial number to the last query parameter of each request with a query string (every search new).
// Starts a throwaway portal with --cpu-prof, loads it at 50 connections, stops it (the profile is
// written on exit) and prints the top functions by self time and by file.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_PASSWORD, demoEmail } from "../../lib/seed/demo";
import { findFreePort } from "../../lib/embedded/ports";
import { createCleanups, runScript } from "../lib/cleanups";
import { load, requestsPerSecond } from "../lib/load";
import { ensureBuild, portalEnv, prepareThrowawayData, signIn, startPortal, startThrowawayServices, stopChild } from "../lib/throwaway-portal";

const { values } = parseArgs({ options: { path: { type: "string", multiple: true }, duration: { type: "string" }, out: { type: "string" }, noprof: { type: "boolean" }, unique: { type: "boolean" } } });
let serial = 0;
const paths = values.path ?? ["/api/search?q=%E5%B9%B4%E5%81%87&limit=10"];
const durationS = Number(values.duration ?? 15);
const out = values.out ?? "/tmp/shouwen-prof";
const started = performance.now();
const cleanups = createCleanups("profile-load");

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] }

function summarize(file: string): void {
  const prof = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const total = prof.nodes.reduce((s, n) => s + n.hitCount, 0);
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of prof.nodes) {
    const url = n.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
    const fileKey = url.includes("node_modules") ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, "npm:$1") : url.replace(/\.next\/server\/chunks\/.*/, ".next chunks") || "(native/vm)";
    const key = `${n.callFrame.functionName || "(anon)"} ${url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + n.hitCount);
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + n.hitCount);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, h]) => `${((100 * h) / total).toFixed(1).padStart(5)} %  ${name}`).join("\n");
  console.log(`\n${file}: ${total} samples\n-- by package/file --\n${top(byFile, 25)}\n-- by function (self) --\n${top(byFn, 40)}`);
}

/** CPU seconds (user + system, in clock ticks of 10 ms) so far: the portal, PostgreSQL, Meilisearch, this process (autocannon). */
function cpuByProcess(portalPid: number): Map<string, number> {
  const totals = new Map<string, number>([["portal", 0], ["postgres", 0], ["meilisearch", 0], ["autocannon+script", 0]]);
  const procs: { pid: number; ppid: number; comm: string; ticks: number }[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    procs.push({ pid: Number(pid), ppid: Number(fields[1]), comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  const parent = new Map(procs.map((p) => [p.pid, p.ppid]));
  const under = (pid: number, root: number) => {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  for (const p of procs) {
    const key = p.comm.startsWith("postgres") ? "postgres" : p.comm.startsWith("meilisearch") ? "meilisearch" : under(p.pid, portalPid) ? "portal" : p.pid === process.pid ? "autocannon+script" : null;
    if (key) totals.set(key, totals.get(key)! + p.ticks);
  }
  return totals;
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const services = await startThrowawayServices("profile", cleanups, console.log);
  await prepareThrowawayData(services, () => undefined);
  const port = await findFreePort();
  const env = portalEnv(port, { ...services.env, LOG_LEVEL: "warn" });
  await ensureBuild(env, cleanups, console.log);
  const portal = await startPortal(port, env, cleanups, values.noprof ? {} : { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${out}`] });
  const cookie = await signIn(portal.base, demoEmail("employee"), DEMO_PASSWORD);
  for (const p of paths) for (let i = 0; i < 30; i++) await (await fetch(`${portal.base}${p}`, { headers: { cookie } })).arrayBuffer();
  for (const p of paths) {
    const before = cpuByProcess(portal.child.pid!);
    const row = await load(p, { url: portal.base, method: "GET", headers: { cookie, "accept-encoding": "identity" }, connections: 50, durationS, next: () => ({ path: values.unique && p.includes("?") ? `${p}%20${++serial}` : p }) });
    const after = cpuByProcess(portal.child.pid!);
    const n = row.result.requests.total;
    const share = [...after].map(([k, v]) => `${k} ${(((v - (before.get(k) ?? 0)) * 10_000) / n).toFixed(0)}`).join(", ");
    console.log(`${p}: ${requestsPerSecond(row).toFixed(0)} req/s, non2xx ${row.result.non2xx}, errors ${row.result.errors}; CPU µs per request: ${share}`);
  }
  await stopChild(portal.child);
  await new Promise((r) => setTimeout(r, 1500));
  if (values.noprof) return;
  const files = readdirSync(out).map((f) => path.join(out, f)).sort((a, b) => statSync(b).size - statSync(a).size);
  summarize(files[0]!);
}

await runScript("profile-load", cleanups, started, main);
