// Generates the Prisma client without network access.
// Prisma's CLI tries to download a native schema engine before every command; `generate` does not need it,
// so we point PRISMA_SCHEMA_ENGINE_BINARY at an existing file to skip the download (see docs/decisions/0002).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
if (!existsSync("prisma/schema.prisma")) process.exit(0);
const cli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
const r = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
