// Chromium for browser journeys: the system one when installed (fast, has CJK fonts when
// fonts-wqy-microhei is installed), otherwise the binary inside @sparticuz/chromium.
import { existsSync } from "node:fs";
import { afterAll, beforeAll, expect, inject, vi } from "vitest";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { createDb, type Db } from "@/lib/db/client";
import { HttpClient } from "./http";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** SHOUWEN_TEST_CHROMIUM=bundled forces the @sparticuz/chromium fallback (to check the CI path). */
export async function launchBrowser(): Promise<Browser> {
  if (process.env.SHOUWEN_TEST_CHROMIUM !== "bundled" && existsSync("/usr/bin/chromium")) return chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  const sparticuz = (await import("@sparticuz/chromium")).default;
  // Not sparticuz.args: those suit AWS Lambda (--single-process, --disable-web-security) and make
  // several contexts share state; software GL is the only part a machine without a GPU needs.
  const args = [...FLAGS, ...sparticuz.args.filter((a: string) => /^--(use-gl|use-angle|enable-unsafe-swiftshader|in-process-gpu)/.test(a))];
  return chromium.launch({ executablePath: await sparticuz.executablePath(), args });
}

/** Drives the real sign-in form and waits until the portal has loaded the page after it. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByTestId("signin-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 15_000 });
  await page.getByTestId("user-name").waitFor({ timeout: 15_000 });
}

/** Clicks the SSO button and gets through the test provider's login (and consent, if asked). */
export async function throughOidcProvider(page: Page, base: string, login: string): Promise<void> {
  const issuer = new URL(inject("oidcIssuer"));
  await page.goto(`${base}/signin`);
  await page.getByTestId("signin-oidc").click();
  await page.waitForURL((url) => url.host === issuer.host);
  for (let step = 0; step < 3 && new URL(page.url()).host === issuer.host; step++) {
    const loginField = page.locator('input[name="login"]');
    if (await loginField.count()) {
      await loginField.fill(login);
      await page.locator('input[name="password"]').fill("any-password");
    }
    await Promise.all([page.waitForNavigation(), page.locator("button.login-submit").click()]);
  }
}

/** An SSO sign-in the portal accepts: back on the portal, past /signin. */
export async function signInWithOidc(page: Page, base: string, login: string): Promise<void> {
  await throughOidcProvider(page, base, login);
  await page.waitForURL((url) => url.origin === base && !url.pathname.startsWith("/signin"));
}

/**
 * Waits until the portal's search finds each policy for its query, signed in `as` someone, by /api/search. A
 * policy published or imported by a test reaches the portal's ranking when the portal next checks
 * PostgreSQL (every few seconds) and has rebuilt its index off the request path (lib/search/corpus.ts):
 * seconds, more on a loaded machine. A test that then asks or searches in the browser waits for this
 * first, or its page shows what the portal knew before.
 */
export async function untilSearchable(base: string, as: { email: string; password: string }, wanted: { q: string; policyId: string }[]): Promise<void> {
  const client = new HttpClient(base);
  expect((await client.signIn(as.email, as.password)).status).toBe(200);
  for (const { q, policyId } of wanted) {
    const found = async () => {
      const res = await client.get(`/api/search?q=${encodeURIComponent(q)}`);
      return ((await res.json()) as { hits?: { policyId: string }[] }).hits?.some((hit) => hit.policyId === policyId) ?? false;
    };
    // vi.waitFor, not expect.poll: this runs in beforeAll hooks too.
    await vi.waitFor(async () => {
      if (!(await found())) throw new Error(`the portal's search does not find ${policyId} for “${q}” yet`);
    }, { timeout: 90_000, interval: 500 });
  }
}

export interface PortalHarness {
  /** The running portal, e.g. http://127.0.0.1:41234 */
  readonly base: string;
  /** The portal's database, for arranging data and checking results. */
  readonly db: Db;
}

export interface BrowserHarness extends PortalHarness {
  readonly browser: Browser;
  /** A fresh context (own cookies) and page, zh-CN on a 1280×900 window unless `options` say otherwise; closed after the file. */
  newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/** The running portal and its database, for HTTP-level tests that need no browser. */
export function usePortal(): PortalHarness {
  let db: Db | undefined;
  beforeAll(() => {
    // Test setup and checks run as the owner; the portal itself connects as the restricted role.
    db = createDb(inject("portalOwnerDatabaseUrl"), 2);
  });
  afterAll(async () => {
    await db?.$disconnect();
  });
  return {
    get base() {
      return inject("portalUrl");
    },
    get db() {
      if (!db) throw new Error("the portal database is only available inside tests and hooks.");
      return db;
    },
  };
}

/** Call at the top of a browser test file: one Chromium per file, fresh contexts per test. */
export function useBrowser(): BrowserHarness {
  const portal = usePortal();
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    get base() {
      return portal.base;
    },
    get db() {
      return portal.db;
    },
    get browser() {
      if (!browser) throw new Error("useBrowser().browser is only available inside tests and hooks.");
      return browser;
    },
    async newPage(options = {}) {
      const context = await this.browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 }, ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    },
  };
}
