// The browser tier's portal: PostgreSQL + Meilisearch, migrated and seeded with the demo company,
// a real OIDC provider, one production build and `next start` on a free port.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "../../lib/db/prepare-database";
import { productionBuildState } from "../../scripts/lib/build-freshness";
import { withPortalNodeOptions } from "../../scripts/lib/portal-node-options";
import { prepareData } from "../../scripts/prepare-data";
import { findFreePort, waitFor } from "../../lib/embedded/ports";
import { startOidcProvider } from "./oidc";
import { OIDC_TEST_GROUP_ROLES } from "./oidc-accounts";
import { startTestStack } from "./stack";

declare module "vitest" {
  export interface ProvidedContext {
    portalUrl: string;
    /** What the portal connects as: the restricted app role. */
    portalDatabaseUrl: string;
    /** The owner (superuser) of the portal's database: for test setup that the app role may not do. */
    portalOwnerDatabaseUrl: string;
    oidcIssuer: string;
    portalMeili: { host: string; apiKey: string; prefix: string };
    /** Server secrets the portal runs with: none may reach a browser (tests/browser/security-http.test.ts). */
    portalSecrets: string[];
    /** The process the tier started for the portal (tests/browser/hostile-input.test.ts reads its memory). */
    portalPid: number;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const log = (m: string) => console.log(`[browser-setup] ${m}`);

/** Locally, SHOUWEN_TEST_REUSE_BUILD=1 skips `next build` when the build is newer than the sources. CI always builds. */
function canReuseBuild(): boolean {
  return process.env.SHOUWEN_TEST_REUSE_BUILD === "1" && productionBuildState(root).fresh;
}

function tail(output: string[], lines = 40): string {
  return output.join("").split("\n").slice(-lines).join("\n");
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const stack = await startTestStack("browser");
    stops.push(stack.stop);
    const ownerUrl = stack.urlFor("postgres");
    const databaseUrl = stack.appUrlFor("postgres");
    await prepareDatabase({ ownerUrl, appUrl: databaseUrl, embedded: true, log: () => undefined });
    // What `npm run dev` / `npm start` do before serving: demo company, content/ imported, index synced.
    await prepareData(
      { DATABASE_URL: databaseUrl, MEILI_HOST: stack.meiliHost, MEILI_MASTER_KEY: stack.meiliKey, MEILI_INDEX_PREFIX: "browser" },
      { seedDemo: true, log: (m) => log(m) },
    );

    const portalPort = await findFreePort();
    const portalUrl = `http://127.0.0.1:${portalPort}`;
    const oidc = await startOidcProvider({ port: await findFreePort(), redirectUri: `${portalUrl}/api/auth/callback/oidc` });
    stops.push(oidc.stop);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      MEILI_HOST: stack.meiliHost,
      MEILI_MASTER_KEY: stack.meiliKey,
      MEILI_INDEX_PREFIX: "browser",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: portalUrl,
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      // The test provider's directory (tests/setup/oidc-accounts.ts) for the org-from-SSO mapping.
      OIDC_DEPARTMENT_CLAIM: "department",
      OIDC_GROUP_ROLES: OIDC_TEST_GROUP_ROLES,
    };
    const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
    if (canReuseBuild()) log("reusing .next (SHOUWEN_TEST_REUSE_BUILD=1 and nothing changed since the last build)");
    else {
      const buildStarted = Date.now();
      const build = spawnSync(process.execPath, [next, "build"], { cwd: root, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (build.status !== 0) {
        throw new Error(`next build failed (exit ${build.status}):\n${tail([build.stdout ?? "", build.stderr ?? ""], 60)}`);
      }
      log(`next build took ${((Date.now() - buildStarted) / 1000).toFixed(1)} s`);
    }

    const output: string[] = [];
    // The same server as `npm start` (scripts/serve.ts), not bare `next start`.
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const portal: ChildProcess = spawn(process.execPath, [tsx, "scripts/serve.ts", "start", "--port", String(portalPort), "--hostname", "127.0.0.1"], {
      cwd: root,
      env: withPortalNodeOptions(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    portal.stdout?.on("data", (c: Buffer) => output.push(c.toString()));
    portal.stderr?.on("data", (c: Buffer) => output.push(c.toString()));
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          if (portal.exitCode !== null || portal.signalCode !== null) return resolve();
          portal.once("exit", () => resolve());
          portal.kill("SIGTERM");
          setTimeout(() => portal.kill("SIGKILL"), 5_000).unref();
        }),
    );
    const healthy = await waitFor(async () => {
      if (portal.exitCode !== null) throw new Error("exited");
      return (await fetch(`${portalUrl}/api/health`)).ok;
    }, 60_000, 200);
    if (!healthy) throw new Error(`the portal did not become healthy on ${portalUrl}:\n${tail(output)}`);
    log(`portal ready on ${portalUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    project.provide("portalUrl", portalUrl);
    project.provide("portalDatabaseUrl", databaseUrl);
    project.provide("portalOwnerDatabaseUrl", ownerUrl);
    project.provide("portalPid", portal.pid!);
    project.provide("oidcIssuer", oidc.issuer);
    project.provide("portalMeili", { host: stack.meiliHost, apiKey: stack.meiliKey, prefix: "browser" });
    project.provide("portalSecrets", [env.MEILI_MASTER_KEY!, env.NEXTAUTH_SECRET!, env.OIDC_CLIENT_SECRET!]);
    return async () => {
      if (process.env.SHOUWEN_TEST_PORTAL_LOG === "1") console.log(output.join(""));
      await stopAll();
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
