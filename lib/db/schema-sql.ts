import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { childEnv } from "../env";
import { startPostgres } from "../embedded/postgres";
import { findFreePort } from "../embedded/ports";

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

/**
 * SQL for schema.prisma from an empty database, produced by Prisma 6's offline JS engine.
 * It needs a PostgreSQL connection; with none given, a throwaway embedded server is started.
 */
export async function schemaSqlFromEmpty(scratchUrl?: string): Promise<string> {
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  let url = scratchUrl;
  if (!url) {
    dir = mkdtempSync(path.join(os.tmpdir(), "shouwen-sqldiff-"));
    chmodSync(dir, 0o755);
    const pgServer = await startPostgres({ dataDir: path.join(dir, "pg"), port: await findFreePort(), password: "scratch" });
    url = pgServer.url;
    stop = pgServer.stop;
  }
  // Prisma 6 requires a `url` in the datasource block, which Prisma 7 forbids: diff a copy that has one.
  const work = mkdtempSync(path.join(os.tmpdir(), "shouwen-schema-"));
  const schemaCopy = path.join(work, "schema.prisma");
  writeFileSync(
    schemaCopy,
    readFileSync(path.join(root, "prisma/schema.prisma"), "utf8").replace(
      /datasource db \{\n\s*provider = "postgresql"\n\}/,
      'datasource db {\n  provider = "postgresql"\n  url      = env("SQL_DIFF_DATABASE_URL")\n}',
    ),
  );
  try {
    const cli = createRequire(import.meta.url).resolve("prisma-legacy/build/index.js");
    const placeholder = path.join(root, "package.json"); // any existing file: stops engine downloads
    const { stdout } = await run(
      process.execPath,
      [cli, "migrate", "diff", "--config", "sql-diff.config.ts", "--from-empty", "--to-schema-datamodel", schemaCopy, "--script"],
      {
        cwd: path.join(root, "prisma"),
        env: childEnv({
          SQL_DIFF_DATABASE_URL: url,
          SQL_DIFF_SCHEMA: schemaCopy,
          PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
          PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          CHECKPOINT_DISABLE: "1",
        }),
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    return stdout;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await stop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
