// A verb named in the path is looked up among the table's own entries only: a name every object
// inherits is an unknown action (404), not a call of Object.prototype's function with the context.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { actionNamed } from "@/lib/http/action-table";

const table: Record<string, () => string> = { reply: () => "reply" };

describe("actionNamed", () => {
  it("finds the table's own verbs", () => {
    expect(actionNamed(table, "reply")()).toBe("reply");
  });

  it.each(["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "__defineGetter__", "nope"])("refuses %s as an unknown action", (name) => {
    expect(() => actionNamed(table, name)).toThrow(NotFoundError);
  });

  it("is how every route with an action table looks its verb up", () => {
    const routes = (readdirSync("app", { recursive: true }) as string[]).filter((f) => f.endsWith("route.ts")).map((f) => path.join("app", f));
    const withTable = routes.filter((f) => /const ACTIONS\b/.test(readFileSync(f, "utf8")));
    expect(withTable.length).toBeGreaterThanOrEqual(4);
    for (const f of withTable) expect(readFileSync(f, "utf8"), f).not.toMatch(/ACTIONS\[/);
  });
});
