// The embedded Meilisearch starts with any generated master key, including one that begins with "-"
// (base64url keys do, one time in 32): passed as one `--master-key=` argument, never read as an option.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startMeilisearch } from "@/lib/embedded/meilisearch";
import { findFreePort } from "@/lib/embedded/ports";
import { tempDirForTest } from "../helpers/temp-dir";

describe("embedded Meilisearch", () => {
  it("starts with a master key that begins with a dash, and requires that key", { timeout: 60_000 }, async () => {
    const dir = tempDirForTest("shouwen-meili-dash-");
    const masterKey = "-Zx3_dashFirst-0123456789abcdefABCDEF";
    const meili = await startMeilisearch({ dataDir: path.join(dir, "meili"), port: await findFreePort(), masterKey });
    try {
      expect((await fetch(`${meili.host}/keys`, { headers: { authorization: `Bearer ${masterKey}` } })).status).toBe(200);
      expect((await fetch(`${meili.host}/keys`, { headers: { authorization: "Bearer wrong-key-0123456789" } })).status).toBe(403);
    } finally {
      await meili.stop();
    }
  });
});
