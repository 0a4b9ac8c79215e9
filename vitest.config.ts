import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// Shared by every tier: `@/` is the repository root (as in tsconfig), and "server-only" is an
// empty module so that domain verbs run under Node.
const resolve = {
  alias: [
    { find: /^@\//, replacement: `${root}/` },
    { find: /^server-only$/, replacement: path.join(root, "tests/setup/empty.ts") },
  ],
};

export default defineConfig({
  resolve,
  test: {
    reporters: ["default", "./tests/setup/closing-line-reporter.ts"],
    teardownTimeout: 60_000,
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 10_000,
          // Groups run one after another; each group may have its own number of workers.
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/integration-global.ts"],
          // The local webhook receivers listen on 127.0.0.1: the development/test switch (lib/env.ts).
          env: { WEBHOOK_ALLOW_LOOPBACK: "true" },
          // One database per file (tests/helpers/test-db.ts), so files run side by side.
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/browser-global.ts"],
          // One Chromium at a time: two cores, and the portal is shared.
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // A web-first assertion gets the budget a locator wait has (page.setDefaultTimeout in
          // tests/helpers/browser.ts): Vitest's default of 1 s fails on a busy machine where a
          // page update after a write, or a click logged off the request path, takes seconds.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
