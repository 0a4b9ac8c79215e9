// CPU seconds spent by the bench's own process and by the PostgreSQL and Meilisearch servers it
// talks to (read from /proc on Linux), so the scale bench can state the work an import costs apart
// from the wall time, which on a shared machine depends on everyone else's jobs.
import { readFileSync, readdirSync } from "node:fs";

const TICKS_PER_S = 100; // USER_HZ on Linux

export interface CpuSample {
  self: number;
  postgres: number | null;
  meilisearch: number | null;
}

function stat(pid: string): { ppid: string; own: number; children: number } | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = raw.slice(raw.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
    return { ppid: f[1]!, own: (Number(f[11]) + Number(f[12])) / TICKS_PER_S, children: (Number(f[13]) + Number(f[14])) / TICKS_PER_S };
  } catch {
    return null;
  }
}

function cmdline(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** The servers listening on these ports: the postmaster (`-p <port>`) and Meilisearch (`--http-addr …:<port>`). */
export function findServers(pgPort: number, meiliPort: number): { postgres?: string; meilisearch?: string } {
  const out: { postgres?: string; meilisearch?: string } = {};
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    const cmd = cmdline(pid);
    if (/\/postgres /.test(cmd) && cmd.includes(` -p ${pgPort} `)) out.postgres = pid;
    if (/meilisearch /.test(cmd) && new RegExp(`--http-addr \\S*:${meiliPort}( |$)`).test(cmd)) out.meilisearch = pid;
  }
  return out;
}

/** A server's CPU: the process, its live children, and the children that already exited. */
function treeCpu(root: string | undefined): number | null {
  if (!root) return null;
  const r = stat(root);
  if (!r) return null;
  let total = r.own + r.children;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    const s = stat(pid);
    if (s?.ppid === root) total += s.own;
  }
  return total;
}

export function cpuSample(servers: { postgres?: string; meilisearch?: string }): CpuSample {
  const u = process.cpuUsage();
  return { self: (u.user + u.system) / 1e6, postgres: treeCpu(servers.postgres), meilisearch: treeCpu(servers.meilisearch) };
}

export function cpuSince(before: CpuSample, after: CpuSample): CpuSample {
  const d = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  return { self: after.self - before.self, postgres: d(before.postgres, after.postgres), meilisearch: d(before.meilisearch, after.meilisearch) };
}

function statusKb(pid: string, field: "VmRSS"): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function pssBytes(pid: string): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Meilisearch's RSS; PostgreSQL's processes and their proportional set size together (shared buffers counted once). */
export function memoryOf(servers: { postgres?: string; meilisearch?: string }): { meilisearchRss: number | null; postgresPss: number | null; postgresProcesses: number | null } {
  const meilisearchRss = servers.meilisearch ? statusKb(servers.meilisearch, "VmRSS") : null;
  if (!servers.postgres) return { meilisearchRss, postgresPss: null, postgresProcesses: null };
  const pids = [servers.postgres, ...readdirSync("/proc").filter((p) => /^\d+$/.test(p) && stat(p)?.ppid === servers.postgres)];
  return { meilisearchRss, postgresPss: pids.reduce((sum, p) => sum + pssBytes(p), 0), postgresProcesses: pids.length };
}
