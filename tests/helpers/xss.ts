// Stored-XSS probes for the browser tier. Every payload sets window.__xss (and most also alert) if
// it ever runs as markup or script; `inspectPage` then checks a page ran nothing, shows the payloads
// as text, and keeps a bidi override typed by a user from reversing the portal's own text after it.
import { expect } from "vitest";
import type { Page } from "playwright-core";

/** A zero-width space and a right-to-left override (never closed) inside Chinese text. */
export const BIDI = "钓\u200b鱼\u202e邮件";

/**
 * Every payload kind in one value (about 180 characters): an <img onerror>, an attribute break-out
 * into <svg onload>, an HTML javascript: link, a Markdown javascript: link, then the bidi text.
 * The tag names the field so a failure says which text was affected.
 */
export function hostile(tag: string): string {
  return `${tag}<img src=x onerror="window.__xss=1;alert(1)"> "><svg onload=window.__xss=2> <a href="javascript:window.__xss=3">点我</a> [点我](javascript:window.__xss=4) ${BIDI}`;
}

/** For fields of at most 50 characters (contact name, phone, a 条线 used as a search filter). */
export function hostile50(tag: string): string {
  const value = `${tag}<img src=x onerror=alert(__xss=5)>\u202e`;
  if (value.length > 50) throw new Error(`hostile50: "${tag}" is too long`);
  return value;
}

/** For fields of at most 100 characters. */
export function hostile100(tag: string): string {
  const value = `${tag}<img src=x onerror=alert(__xss=6)>"><svg onload=alert(__xss=7)>[点我](javascript:__xss=8)\u200b\u202e`;
  if (value.length > 100) throw new Error(`hostile100: "${tag}" is too long`);
  return value;
}

export interface DialogWatch {
  /** messages of every alert / confirm / prompt the page opened */
  readonly seen: string[];
}

/** Call before the first navigation: any dialog is recorded (and dismissed so the page goes on). */
export function watchDialogs(page: Page): DialogWatch {
  const watch = { seen: [] as string[] };
  page.on("dialog", (d) => {
    watch.seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  return watch;
}

interface PageReport {
  /** markup or script that a payload produced */
  ran: string[];
  /** the visible text of the page (scripts and styles left out) */
  text: string;
  /** text nodes whose unclosed bidi override or embedding reaches text that follows them */
  bidiLeaks: string[];
}

// Runs in the page. Kept free of closures over test code: Playwright serialises it.
function reportPage(literals: string[]): PageReport {
  const ran: string[] = [];
  const flag = (window as unknown as { __xss?: unknown }).__xss;
  if (flag !== undefined) ran.push(`window.__xss = ${String(flag)}`);
  for (const el of Array.from(document.querySelectorAll("*"))) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) ran.push(`<${el.localName} ${a.name}="${a.value}">`);
      if (/^(href|src|action|formaction|xlink:href|data)$/i.test(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value)) ran.push(`<${el.localName} ${a.name}="${a.value}">`);
    }
  }
  for (const el of Array.from(document.querySelectorAll('img[src="x"], svg[onload], iframe, object, embed'))) ran.push(el.outerHTML.slice(0, 120));
  // Next streams the page data in inline scripts (self.__next_f), where user text is a JSON string.
  for (const s of Array.from(document.scripts)) {
    const code = s.textContent ?? "";
    if (code.includes("__xss") && !code.includes("self.__next_f")) ran.push(`<script>${code.slice(0, 80)}`);
  }

  const skip = (n: Node) => !!n.parentElement?.closest("script, style, noscript, template");
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!skip(n)) nodes.push(n as Text);
  const text = nodes.map((n) => n.data).join("");

  // A bidi paragraph ends at a block (or table cell, list item, inline-block…); an element with
  // unicode-bidi isolate/plaintext (<bdi>, any dir="…") isolates its content from what surrounds it.
  const isInline = (el: Element) => ["inline", "contents"].includes(getComputedStyle(el).display);
  const isIsolating = (el: Element) => /isolate|plaintext/.test(getComputedStyle(el).unicodeBidi);
  const boundaryOf = (n: Node): Element => {
    let el = n.parentElement!;
    while (el !== document.body && isInline(el) && !isIsolating(el)) el = el.parentElement!;
    return el;
  };
  // The embeddings, overrides ("e") and isolates ("i") still open after s, as UAX #9 pairs them:
  // a PDF closes the innermost embedding or override, a PDI the innermost isolate and all opened in it.
  const openAfter = (s: string, open: string[] = []) => {
    const stack = [...open];
    for (const c of s) {
      if (/[\u202a\u202b\u202d\u202e]/.test(c)) stack.push("e");
      else if (/[\u2066-\u2068]/.test(c)) stack.push("i");
      else if (c === "\u202c" && stack.at(-1) === "e") stack.pop();
      else if (c === "\u2069" && stack.includes("i")) stack.splice(stack.lastIndexOf("i"));
    }
    return stack;
  };
  const unclosed = (s: string) => openAfter(s).length > 0;
  const bidiLeaks: string[] = [];
  nodes.forEach((node, i) => {
    // User text built into one string with the portal's own ("… · 张三（2026-01-02）"): the rest of the node.
    for (const value of literals) {
      const at = unclosed(value) ? node.data.indexOf(value) : -1;
      if (at < 0) continue;
      const before = openAfter(node.data.slice(0, at));
      let open = openAfter(value, before);
      const rest = node.data.slice(at + value.length);
      for (const [k, c] of Array.from(rest).entries()) {
        if (open.length <= before.length) break;
        if (/\s|[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(c)) open = openAfter(c, open);
        else {
          bidiLeaks.push(`“${value.slice(0, 40)}…” reverses “${Array.from(rest).slice(k).join("").trim().slice(0, 60)}” in the same text`);
          break;
        }
      }
    }
    if (!unclosed(node.data)) return;
    const boundary = boundaryOf(node);
    let after = "";
    for (const next of nodes.slice(i + 1)) {
      if (!boundary.contains(next)) break;
      // Text inside a nested block is a paragraph of its own.
      let inBlock = false;
      for (let el = next.parentElement; el && el !== boundary; el = el.parentElement) if (!isInline(el)) inBlock = true;
      if (inBlock) break;
      after += next.data;
    }
    if (after.trim()) bidiLeaks.push(`“${node.data.slice(0, 40)}…” in <${boundary.localName}> reverses “${after.trim().slice(0, 60)}”`);
  });
  return { ran, text, bidiLeaks };
}

export interface InspectOptions {
  /** values that must be shown exactly as typed, by field name (named in a failure) */
  literal: Record<string, string>;
  /** also fail when a user's bidi override reorders text outside its element (default true) */
  bidi?: boolean;
}

/**
 * The page ran no payload (no dialog, no window.__xss, no on* attribute, no javascript:/data: URL,
 * no <img src=x> or stray <svg>), shows every value literally (zero-width and RTL characters
 * included), and, unless told otherwise, keeps every unclosed bidi override inside its own element.
 */
export async function inspectPage(page: Page, watch: DialogWatch, what: string, options: InspectOptions): Promise<void> {
  await page.waitForLoadState("load");
  // An <img src=x onerror> fires when its load fails: wait until every image has loaded or failed
  // (those rendered after hydration too), then one frame for the handlers.
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  const report = await page.evaluate(reportPage, Object.values(options.literal));
  expect(watch.seen, `${what}: dialogs`).toEqual([]);
  expect(report.ran, `${what}: markup or script from user text`).toEqual([]);
  for (const [field, value] of Object.entries(options.literal)) expect(report.text, `${what}: shows the ${field} as text`).toContain(value);
  expect(await page.locator("a", { hasText: /^点我$/ }).count(), `${what}: a link made from user text`).toBe(0);
  if (options.bidi !== false) expect(report.bidiLeaks, `${what}: bidi override leaks out of user text`).toEqual([]);
}

/** The same checks for a document that is not served by the portal (an e-mail body). */
export async function inspectHtml(page: Page, watch: DialogWatch, what: string, html: string, options: InspectOptions): Promise<void> {
  await page.setContent(html, { waitUntil: "load" });
  await inspectPage(page, watch, what, options);
}
