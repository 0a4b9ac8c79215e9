// Layout checks for the dashboards in Chromium (issue 19 point 10): no sideways scroll on a phone,
// chart tick labels inside their chart, tabs that show one panel at a time, and screenshots kept
// under .data/screenshots (git-ignored) for a person to look at. Every check waits for its condition.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

export const PHONE = { width: 375, height: 812 };
const SCREENSHOTS = path.join(process.cwd(), ".data", "screenshots");

/** A full-page PNG at .data/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The page never scrolls sideways: wide tables scroll inside their own box. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await expect.poll(overflow, { message: `${what}: the page is wider than the screen`, timeout: 10_000 }).toBeLessThanOrEqual(0);
}

/** Every tick label of the chart lies inside the chart's own SVG box (the SVG clips what does not). */
export async function expectTicksInside(chart: Locator, what: string): Promise<void> {
  await chart.locator(".recharts-cartesian-axis-tick-labels text").first().waitFor({ state: "visible" });
  const outside = () =>
    chart.evaluate((figure) => {
      const labels = Array.from(figure.querySelectorAll(".recharts-cartesian-axis-tick-labels text"));
      if (labels.length === 0) return ["no tick labels"];
      return labels
        .map((el) => ({
          text: Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE || (n as Element).localName === "tspan").map((n) => n.textContent).join(""),
          r: el.getBoundingClientRect(),
          // The chart's own <svg> (the legend's icons are small svgs of their own).
          box: el.closest("svg.recharts-surface")!.getBoundingClientRect(),
        }))
        .filter(({ r, box }) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
        .map(({ text, r, box }) => `“${text}” at ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of 0..${Math.round(box.width)}`);
    });
  await expect.poll(outside, { message: `${what}: tick labels cut off by the chart's edge`, timeout: 10_000 }).toEqual([]);
}

/** The rendered width of an element, once it is visible. */
export async function widthOf(locator: Locator): Promise<number> {
  await locator.waitFor({ state: "visible" });
  return locator.evaluate((el) => el.getBoundingClientRect().width);
}

/**
 * The WAI-ARIA tabs pattern: a tablist with exactly `ids` as tabs; choosing each (by click) selects it,
 * shows its panel with its own heading and hides every other panel, and puts ?tab=<id> in the URL;
 * ←/→/Home/End move the selection and the focus. Leaves the page on the last tab.
 */
export async function expectTabsWork(page: Page, ids: string[]): Promise<void> {
  const tablist = page.getByRole("tablist");
  await tablist.waitFor();
  await expect.poll(() => tablist.getByRole("tab").evaluateAll((tabs) => tabs.map((t) => t.getAttribute("data-testid")))).toEqual(ids.map((id) => `tab-${id}`));
  for (const id of ids) {
    const tab = page.getByTestId(`tab-${id}`);
    await tab.click();
    await expect.poll(() => tab.getAttribute("aria-selected"), { message: `tab ${id} selected` }).toBe("true");
    const panel = page.getByTestId(`panel-${id}`);
    await panel.waitFor({ state: "visible" });
    expect(await panel.getAttribute("role")).toBe("tabpanel");
    expect(await tab.getAttribute("aria-controls")).toBe(await panel.getAttribute("id"));
    expect(await panel.getAttribute("aria-labelledby")).toBe(await tab.getAttribute("id"));
    await panel.getByRole("heading", { level: 2 }).first().waitFor({ state: "visible" });
    for (const other of ids.filter((o) => o !== id)) {
      await page.getByTestId(`panel-${other}`).waitFor({ state: "hidden" });
      await expect.poll(() => page.getByTestId(`tab-${other}`).getAttribute("aria-selected")).toBe("false");
    }
    await page.waitForURL((url) => url.searchParams.get("tab") === id);
  }
  // Keyboard: from the last tab, → wraps to the first, ← back to the last, Home / End.
  const focusedTab = () => page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
  const key = async (k: string, expected: string) => {
    await page.keyboard.press(k);
    await expect.poll(focusedTab, { message: `${k} focuses ${expected}` }).toBe(`tab-${expected}`);
    await page.getByTestId(`panel-${expected}`).waitFor({ state: "visible" });
  };
  await page.getByTestId(`tab-${ids.at(-1)}`).focus();
  await key("ArrowRight", ids[0]!);
  await key("ArrowLeft", ids.at(-1)!);
  await key("Home", ids[0]!);
  await key("End", ids.at(-1)!);
}
