// `npm run dev | start | services` refuses bad settings and taken ports with one sentence a person
// can act on, before starting anything. Runs the real launcher as a child process.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findFreePort, waitFor } from "@/lib/embedded/ports";
import { useTempDir } from "../helpers/temp-dir";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/cli.mjs");
const tmp = useTempDir("shouwen-launcher-");
beforeAll(() => chmodSync(tmp.path, 0o755));

/** The launcher with only the given settings (nothing inherited that could point at real services). */
function launch(mode: "dev" | "start" | "services", env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, "scripts/run.ts", mode], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { NODE_ENV: "development", PATH: process.env.PATH, HOME: process.env.HOME, SHOUWEN_DATA_DIR: path.join(tmp.path, "data"), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the launcher did not exit within 20 s:\n${stdout}\n${stderr}`));
    }, 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** One line on stderr, no stack trace. */
function sentence(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.trim() && !l.includes("ExperimentalWarning") && !l.includes("--trace-warnings"));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

async function listen(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen({ port: 0, host: "127.0.0.1" }, r));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((r) => server.close(() => r())) };
}

describe("launcher settings", () => {
  it("refuses a port that is not a number", async () => {
    const res = await launch("services", { SHOUWEN_PG_PORT: "abc" });
    expect(res.code).not.toBe(0);
    expect(sentence(res.stderr)).toMatch(/Environment variable SHOUWEN_PG_PORT has an invalid value/);
  });

  it("refuses a short NEXTAUTH_SECRET when the services are external", async () => {
    const res = await launch("dev", { DATABASE_URL: t.url, MEILI_HOST: t.meili.host, MEILI_MASTER_KEY: t.meili.apiKey, NEXTAUTH_SECRET: "short" });
    expect(res.code).not.toBe(0);
    expect(sentence(res.stderr)).toMatch(/Environment variable NEXTAUTH_SECRET has an invalid value: must be at least 32 characters/);
  });

  it("refuses a Meilisearch host without its key", async () => {
    const res = await launch("services", { MEILI_HOST: "http://127.0.0.1:7700" });
    expect(res.code).not.toBe(0);
    expect(sentence(res.stderr)).toMatch(/MEILI_MASTER_KEY is required when MEILI_HOST is set/);
  });
});

describe("taken ports", () => {
  it("PostgreSQL's port in use: says so and starts nothing", async () => {
    const taken = await listen();
    try {
      const res = await launch("services", { SHOUWEN_PG_PORT: String(taken.port), SHOUWEN_MEILI_PORT: String(taken.port + 1) });
      expect(res.code).not.toBe(0);
      expect(sentence(res.stderr)).toMatch(new RegExp(`Port ${taken.port} on 127.0.0.1 is already in use, so PostgreSQL cannot start`));
      expect(existsSync(path.join(tmp.path, "data/postgres")) && readdirSync(path.join(tmp.path, "data/postgres")).length > 0).toBe(false);
    } finally {
      await taken.close();
    }
  });

  it("Meilisearch's port in use (external PostgreSQL): says so", async () => {
    const taken = await listen();
    try {
      const res = await launch("services", { DATABASE_URL: t.url, SHOUWEN_MEILI_PORT: String(taken.port) });
      expect(res.code).not.toBe(0);
      expect(sentence(res.stderr)).toMatch(new RegExp(`Port ${taken.port} on 127.0.0.1 is already in use, so Meilisearch cannot start`));
    } finally {
      await taken.close();
    }
  });

  it("the portal's port in use: `npm run dev` says so before starting services", async () => {
    const taken = await listen();
    try {
      const res = await launch("dev", { PORT: String(taken.port) });
      expect(res.code).not.toBe(0);
      expect(sentence(res.stderr)).toMatch(new RegExp(`Port ${taken.port} on 127.0.0.1 is already in use, so the portal cannot start`));
      expect(res.stdout).not.toMatch(/PostgreSQL \(embedded\)/);
    } finally {
      await taken.close();
    }
  });
});

/** `npm run services` left running until stop(); its output so far in output(). */
function startServices(env: Record<string, string>): { child: ChildProcess; output(): string; stop(): Promise<void> } {
  const child = spawn(process.execPath, [tsx, "scripts/run.ts", "services"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { NODE_ENV: "development", PATH: process.env.PATH, HOME: process.env.HOME, SHOUWEN_SEED_DEMO: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  return {
    child,
    output: () => output,
    stop: async () => {
      const exited = new Promise<boolean>((r) => (child.exitCode !== null ? r(true) : child.once("exit", () => r(true))));
      child.kill("SIGTERM");
      if (!(await Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]))) child.kill("SIGKILL");
    },
  };
}

describe("the database role at start", () => {
  it("warns when the only DATABASE_URL given is privileged, and not for the restricted role", { timeout: 120_000 }, async () => {
    for (const [url, warns] of [[t.ownerUrl, true], [t.url, false]] as const) {
      const services = startServices({ SHOUWEN_DATA_DIR: path.join(tmp.path, "role"), DATABASE_URL: url, MEILI_HOST: t.meili.host, MEILI_MASTER_KEY: t.meili.apiKey, MEILI_INDEX_PREFIX: `${t.indexPrefix}_role` });
      try {
        expect(await waitFor(async () => services.output().includes("services ready"), 90_000, 200), services.output()).toBe(true);
        if (warns) expect(services.output()).toMatch(/WARNING: the portal connects as PostgreSQL role "postgres", which is a superuser/);
        else expect(services.output()).not.toMatch(/WARNING/);
      } finally {
        await services.stop();
      }
    }
  });
});

describe("the embedded Meilisearch under the launcher", () => {
  it("is restarted (and the restart logged) when it dies", { timeout: 120_000 }, async () => {
    const meiliPort = await findFreePort();
    const services = startServices({ SHOUWEN_DATA_DIR: path.join(tmp.path, "supervised"), DATABASE_URL: t.url, SHOUWEN_MEILI_PORT: String(meiliPort) });
    const output = () => services.output();
    const health = async () => (await fetch(`http://127.0.0.1:${meiliPort}/health`).catch(() => null))?.ok === true;
    try {
      expect(await waitFor(async () => output().includes("services ready"), 90_000, 200), output()).toBe(true);
      const pid = Number(/Meilisearch \(embedded\) on \S+ \(pid (\d+)\)/.exec(output())?.[1]);
      expect(pid).toBeGreaterThan(0);
      expect(await health()).toBe(true);

      process.kill(pid, "SIGKILL");
      expect(await waitFor(async () => !(await health()), 5_000, 50)).toBe(true);
      // Back-off starts at 1 s; the restart must answer well within 15 s.
      expect(await waitFor(async () => /Meilisearch restarted on/.test(output()) && (await health()), 15_000, 200), output()).toBe(true);
      expect(output()).toMatch(/Meilisearch exited \(SIGKILL\); search is degraded, restarting in 1 s/);
      const newPid = Number(/Meilisearch restarted on \S+ \(pid (\d+)\)/.exec(output())?.[1]);
      expect(newPid).not.toBe(pid);
    } finally {
      await services.stop();
    }
    // The launcher's stop also stops the restarted Meilisearch (nothing left on the port).
    expect(await health()).toBe(false);
  });
});
