// Accessibility audit of the page a browser test is on: axe-core (the engine behind Lighthouse's and
// the browser extensions' audits) with every WCAG 2.0/2.1 level A and AA rule, plus the few of its
// best-practice rules that make "info and relationships" and "bypass blocks" checkable: one main
// landmark, one h1, no skipped heading level, all content inside a landmark (docs/decisions/0022).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, type ExpectStatic } from "vitest";
import type { AxeResults, RunOptions } from "axe-core";
import type { Page } from "playwright-core";

/** The engine's own bundle, injected into each page (no CDN: the tests run offline). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BEST_PRACTICE_RULES = ["landmark-one-main", "page-has-heading-one", "heading-order", "region", "landmark-unique", "landmark-no-duplicate-banner", "landmark-no-duplicate-main", "landmark-no-duplicate-contentinfo"];
/**
 * WCAG-tagged rules not run, each with its reason. Empty: every rule of the four tags applies.
 * (axe's "experimental" rules stay off as axe ships them: they are not settled enough to fail a build.)
 */
const DISABLED: Record<string, string> = {};

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };

/** One line per failing element: rule, impact, CSS target and what axe says to do. */
function report(violations: Violation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? "?"}) at ${n.target.map(String).join(" ")}: ${v.help}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ").slice(0, 200)}` : ""}`),
  );
}

/** The violations axe finds on the page as it is now (after its fonts have loaded). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Through the DevTools protocol, not a <script> tag: the portal's CSP allows no inline script.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async ({ tags, extra, disabled }) => {
      type Axe = { getRules: (tags: string[]) => { ruleId: string; tags: string[] }[]; run: (ctx: Document, o: RunOptions) => Promise<AxeResults> };
      const axe = (window as unknown as { axe: Axe }).axe;
      const wcag = axe.getRules(tags).filter((r) => !r.tags.includes("experimental") && !disabled.includes(r.ruleId)).map((r) => r.ruleId);
      const r = await axe.run(document, { runOnly: { type: "rule", values: [...wcag, ...extra] }, resultTypes: ["violations"] });
      // Only what the report needs crosses back (a full result lists every passing node too).
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target as unknown[], failureSummary: n.failureSummary })) }));
    },
    { tags: WCAG_TAGS, extra: BEST_PRACTICE_RULES, disabled: Object.keys(DISABLED) },
  );
  return report(violations);
}

/**
 * Fails with every violation on the page, `what` naming the page and the viewer. A concurrent test
 * passes its own `expect` (from the test context), so the failure is counted against that test.
 */
export async function expectAccessible(page: Page, what: string, expectation: ExpectStatic = expect): Promise<void> {
  // Soft: one test audits several pages, and each page's violations are reported, not only the first.
  expectation.soft(await accessibilityViolations(page), `accessibility violations on ${what}`).toEqual([]);
}
