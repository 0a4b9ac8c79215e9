// Hostile input channels at the HTTP boundary of the running portal (issue 15, items 1, 2 and 6):
// query strings of every GET route that takes one, headers, chunked bodies over the cap on a write
// route and on the anonymous sign-in route (the portal's RSS is read from /proc while they arrive),
// JSON nested thousands deep, and a callbackUrl whose host cannot be parsed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { request } from "node:http";
import net from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { usePortal } from "../helpers/browser";
import { makeDepartment, makeLine, makePolicy, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { HttpClient } from "../helpers/http";

const h = usePortal();
let admin: HttpClient;
let employee: HttpClient;
let employeeEmail: string;
let policyId: string;
let lineId: string;

// This file's own users, 条线 and policy: no demo account or demo content.
beforeAll(async () => {
  const policyDept = await makeDepartment(h.db);
  const line = await makeLine(h.db, { policyOwnerDeptId: policyDept.id });
  lineId = line.id;
  policyId = (await makePolicy(h.db, { lineName: line.name, ownerName: policyDept.name })).id;
  const adminUser = await makeUser(h.db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD });
  const employeeUser = await makeUser(h.db, { password: TEST_PASSWORD });
  employeeEmail = employeeUser.email;
  admin = new HttpClient(h.base);
  expect((await admin.signIn(adminUser.email, TEST_PASSWORD)).status).toBe(200);
  employee = new HttpClient(h.base);
  expect((await employee.signIn(employeeUser.email, TEST_PASSWORD)).status).toBe(200);
});

// ---- query strings ----

/** Every file under app/ that reads a query string, the path it answers and the parameters it reads. */
const QUERY_ROUTES: { file: string; path: () => string; params: string[] }[] = [
  { file: "app/api/search/route.ts", path: () => "/api/search", params: ["q", "line", "owner", "limit"] },
  { file: "app/api/ask/suggest/route.ts", path: () => "/api/ask/suggest", params: ["q", "session"] },
  { file: "app/api/ask/deadlines/route.ts", path: () => "/api/ask/deadlines", params: ["line", "urgent"] },
  { file: "app/api/questions/[id]/clauses/route.ts", path: () => `/api/questions/${randomUUID()}/clauses`, params: ["q"] },
  { file: "app/api/saved-replies/route.ts", path: () => "/api/saved-replies", params: ["line"] },
  { file: "app/api/admin/org-export/route.ts", path: () => "/api/admin/org-export", params: ["format", "sheet"] },
  { file: "app/api/admin/org-import/route.ts", path: () => "/api/admin/org-import", params: ["apply", "full", "hash"] },
  { file: "app/api/ledger/route.ts", path: () => "/api/ledger", params: ["from", "to", "line", "status", "kind", "dept", "owner", "q", "overdue", "cursor", "format"] },
  // next-auth reads callbackUrl and error from the query of its GET pages.
  { file: "app/api/auth/[...nextauth]/route.ts", path: () => "/api/auth/signin", params: ["callbackUrl", "error"] },
  { file: "app/search/page.tsx", path: () => "/search", params: ["q", "line", "owner"] },
  { file: "app/ask/page.tsx", path: () => "/ask", params: ["q"] },
  { file: "app/policies/page.tsx", path: () => "/policies", params: ["line"] },
  { file: "app/policies/[id]/page.tsx", path: () => `/policies/${policyId}`, params: ["sq", "s", "r", "v"] },
  { file: "app/policies/[id]/versions/page.tsx", path: () => `/policies/${policyId}/versions`, params: ["from", "to"] },
  { file: "app/policies/publish/page.tsx", path: () => "/policies/publish", params: ["policy"] },
  { file: "app/insights/ledger/page.tsx", path: () => "/insights/ledger", params: ["from", "to", "line", "status", "kind", "dept", "owner", "q", "overdue", "cursor"] },
  { file: "app/insights/management/page.tsx", path: () => "/insights/management", params: ["from", "to", "grain", "line", "dept", "tab"] },
  { file: "app/insights/owners/page.tsx", path: () => "/insights/owners", params: ["from", "to", "grain", "user", "dept"] },
  { file: "app/insights/policies/page.tsx", path: () => "/insights/policies", params: ["from", "to", "grain", "line", "policy", "tab"] },
  { file: "app/signin/page.tsx", path: () => "/signin", params: ["callbackUrl", "error"] },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

// NUL, the UTF-8 form of a lone surrogate (U+D800, which is no valid UTF-8), and a value far over any field's length.
const HOSTILE: { name: string; value: string; reason: RegExp }[] = [
  { name: "NUL", value: "%00x", reason: /空字符|Unicode/ },
  { name: "lone surrogate", value: "%ED%A0%80x", reason: /空字符|Unicode/ },
  { name: "over-long", value: "a".repeat(5_000), reason: /2000/ },
];

async function expectFieldRefused(res: Response, field: string, reason: RegExp, what: string): Promise<void> {
  expect(res.status, what).toBe(400);
  const text = await res.text();
  expect(text, what).not.toMatch(/\n\s+at |node_modules|\.tsx?:\d+/);
  const body = JSON.parse(text) as { error: { code: string; fields?: Record<string, string> } };
  expect(body.error.code, what).toBe("VALIDATION");
  expect(Object.keys(body.error.fields ?? {}), what).toEqual([field]);
  expect(body.error.fields![field], what).toMatch(reason);
}

describe("query strings", () => {
  it("the table lists every route and page under app/ that reads a query string", () => {
    const readers = filesUnder("app")
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .filter((f) => /searchParams/.test(readFileSync(f, "utf8")) || f.includes("[...nextauth]"));
    expect(readers.sort()).toEqual(QUERY_ROUTES.map((r) => r.file).sort());
  });

  it("NUL, lone surrogates and over-long values in any parameter of any of them → 400 naming the parameter", async () => {
    for (const route of QUERY_ROUTES) {
      for (const param of route.params) {
        for (const hostile of HOSTILE) {
          const url = `${route.path()}?${param}=${hostile.value}`;
          await expectFieldRefused(await admin.get(url), param, hostile.reason, `${hostile.name} in ${url.slice(0, 80)}`);
        }
      }
    }
  });

  it("NUL or a lone surrogate in a path segment (a page's or a route's [id]) → 400 naming the path, not a 500", async () => {
    for (const url of ["/policies/x%00y", "/api/sections/%ED%A0%80", "/questions/%00"]) {
      await expectFieldRefused(await admin.get(url), "path", /空字符|Unicode/, url);
    }
  });

  it("the refusal (scripts/serve.ts, before any route) is in the locale cookie's language, Chinese without one", async () => {
    const cases = [
      { headers: { cookie: "locale=en" } as Record<string, string>, message: "The request parameters are not valid", path: "The path contains a NUL character or invalid Unicode", q: "Contains a NUL character or invalid Unicode" },
      { headers: {}, message: "请求参数无效", path: "路径包含空字符或无效的 Unicode 字符", q: "包含空字符或无效的 Unicode 字符" },
    ];
    for (const c of cases) {
      const page = await fetch(`${h.base}/policies/x%00y`, { headers: c.headers });
      expect(page.status).toBe(400);
      expect(((await page.json()) as { error: unknown }).error).toEqual({ code: "VALIDATION", message: c.message, fields: { path: c.path } });
      const route = await fetch(`${h.base}/api/search?q=%00x`, { headers: c.headers });
      expect(route.status).toBe(400);
      expect(((await route.json()) as { error: unknown }).error).toEqual({ code: "VALIDATION", message: c.message, fields: { q: c.q } });
    }
  });

  it("a search with NUL stores nothing and does not stop the searches after it from being stored", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const client = new HttpClient(h.base);
    expect((await client.signIn(user.email, TEST_PASSWORD)).status).toBe(200);
    expect((await client.get("/api/search?q=%00x")).status).toBe(400);
    const session = (await (await client.post("/api/ask/sessions", "{}", { "content-type": "application/json" })).json()) as { id: string };
    expect(session.id).toEqual(expect.any(String));
    expect((await client.get(`/api/ask/suggest?session=${session.id}&q=%00x`)).status).toBe(400);
    const good = `年假怎么休 ${randomUUID().slice(0, 8)}`;
    expect((await client.get(`/api/search?${new URLSearchParams({ q: good })}`)).status).toBe(200);
    // The portal writes searches every 200 ms.
    await expect
      .poll(async () => (await h.db.searchQuery.findMany({ where: { userId: user.id }, select: { query: true } })).map((r) => r.query), { timeout: 5_000, interval: 100 })
      .toEqual([good]);
  });
});

describe("headers", () => {
  it("an over-long header value → 400 naming the header", async () => {
    await expectFieldRefused(await employee.get("/api/me", { "user-agent": "a".repeat(9_000) }), "user-agent", /8192/, "user-agent on /api/me");
    await expectFieldRefused(await employee.get(`/search?${new URLSearchParams({ q: "年假" })}`, { "accept-language": `zh-CN,${"a".repeat(9_000)}` }), "accept-language", /8192/, "accept-language on /search");
  });

  it("a NUL in a header is refused before any route runs", async () => {
    const status = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(h.base).port), "127.0.0.1", () => {
        socket.write(`GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: a\u0000b\r\nConnection: close\r\n\r\n`, "latin1");
      });
      let data = "";
      socket.on("data", (c) => (data += c.toString("latin1")));
      socket.on("end", () => resolve(data.split("\r\n")[0] ?? ""));
      socket.on("error", reject);
    });
    expect(status).toMatch(/^HTTP\/1\.1 400/);
  });
});

// ---- bodies ----

/** The portal's server process (tsx may run it as a child of the process the tier started). */
function portalServerPid(): number {
  const pid = inject("portalPid");
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return children.length === 1 ? children[0]! : pid;
}

function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0);
}

/**
 * Sends up to `totalBytes` as a chunked body (no Content-Length), stops writing when the answer
 * arrives, and samples the portal's RSS every 20 ms meanwhile.
 */
async function chunkedUpload(pathname: string, headers: Record<string, string>, prefix: string, totalBytes: number) {
  const pid = portalServerPid();
  const before = rssKb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 20);
  const url = new URL(pathname, h.base);
  let sent = 0;
  try {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } });
      let answered = false;
      const chunk = Buffer.alloc(256 * 1024, "a");
      req.on("response", (res) => {
        answered = true;
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      });
      // The server may close the connection after answering while we still write. When its close reaches
      // us as a reset before the answer was read (the kernel drops the unread 413 with the RST), the server
      // still stopped reading at the cap: that shows as status 0 with the bytes we managed to send.
      req.on("error", (err: NodeJS.ErrnoException) => {
        if (answered) return;
        if (err.code === "EPIPE" || err.code === "ECONNRESET") resolve({ status: 0, body: "" });
        else reject(err);
      });
      const pump = () => {
        if (sent === 0) {
          req.write(prefix);
          sent += prefix.length;
        }
        while (!answered && sent < totalBytes) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    return { ...answer, sentMb: sent / 1e6, growthMb: (peak - before) / 1024, beforeMb: before / 1024, peakMb: peak / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

const UPLOAD_BYTES = 200 * 1024 * 1024;

/** 413 while the body arrives, or (rarely, see chunkedUpload) the connection closed long before the body was sent. */
function refusedAtCap(r: { status: number; sentMb: number }) {
  if (r.status !== 413) {
    expect(r.status, "413, or a connection the server closed").toBe(0);
    expect(r.sentMb, "the server stopped reading long before the whole body").toBeLessThan(UPLOAD_BYTES / 1e6 / 4);
  }
}

describe("chunked bodies over the cap", () => {
  it("a write route answers 413 while the body arrives; the portal's RSS grows by less than 50 MB", async () => {
    const cookie = `next-auth.session-token=${employee.cookie("next-auth.session-token")}`;
    const r = await chunkedUpload("/api/questions", { cookie, "content-type": "application/json", origin: h.base }, '{"body":"', UPLOAD_BYTES);
    console.log(`[hostile-input] chunked ${UPLOAD_BYTES / 1024 / 1024} MB to /api/questions: HTTP ${r.status} after ${r.sentMb.toFixed(1)} MB sent; portal RSS ${r.beforeMb.toFixed(0)} → peak ${r.peakMb.toFixed(0)} MB (+${r.growthMb.toFixed(1)} MB)`);
    refusedAtCap(r);
    if (r.status === 413) expect(JSON.parse(r.body).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(r.growthMb).toBeLessThan(50);
    expect((await employee.get("/api/me")).status).toBe(200);
  });

  it("the anonymous sign-in route answers 413 the same way, before the throttle or next-auth read the form", async () => {
    const anonymous = new HttpClient(h.base);
    const csrf = (await (await anonymous.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const cookie = ["next-auth.csrf-token", "next-auth.callback-url"].flatMap((n) => (anonymous.cookie(n) ? [`${n}=${anonymous.cookie(n)}`] : [])).join("; ");
    const prefix = `csrfToken=${csrf.csrfToken}&email=${encodeURIComponent(employeeEmail)}&json=true&password=`;
    const r = await chunkedUpload("/api/auth/callback/credentials", { cookie, "content-type": "application/x-www-form-urlencoded" }, prefix, UPLOAD_BYTES);
    console.log(`[hostile-input] chunked ${UPLOAD_BYTES / 1024 / 1024} MB to the sign-in route: HTTP ${r.status} after ${r.sentMb.toFixed(1)} MB sent; portal RSS ${r.beforeMb.toFixed(0)} → peak ${r.peakMb.toFixed(0)} MB (+${r.growthMb.toFixed(1)} MB)`);
    refusedAtCap(r);
    expect(r.growthMb).toBeLessThan(50);
    // A normal sign-in still works.
    const other = await makeUser(h.db, { password: TEST_PASSWORD });
    expect((await new HttpClient(h.base).signIn(other.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("the language switch (an anonymous form post) is capped too", async () => {
    // Same outcome rule as the write routes: 413, or (the reset race chunkedUpload describes) a connection
    // the server closed long before the 200 MB were sent. A strict 413 here failed once in a clean-clone run.
    const r = await chunkedUpload("/locale", { "content-type": "application/x-www-form-urlencoded" }, "locale=en&next=/&x=", UPLOAD_BYTES);
    refusedAtCap(r);
    expect(r.growthMb).toBeLessThan(50);
  });
});

describe("parsing edge cases", () => {
  it("JSON nested 5,000 deep (10 KB) → 400 naming the body, not a 500", async () => {
    const deepArray = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    const inField = JSON.stringify({ idempotencyKey: randomUUID(), body: "x", lineId, contactName: "李明" }).replace('"x"', deepArray);
    for (const body of [deepArray, inField]) {
      const res = await employee.request("POST", "/api/questions", { body, headers: { "content-type": "application/json", origin: h.base } });
      const what = body.slice(0, 20);
      await expectFieldRefused(res, "_", /嵌套|32/, what);
    }
  });

  it("a callbackUrl with an unparsable host signs in and goes to /; a path that is no ASCII is sent encoded", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const cases: [string, string][] = [
      ["http://[bad-host", h.base],
      ["https://exa mple.com:99999/x", h.base],
      ["/search?q=年假", `${h.base}/search?q=${encodeURIComponent("年假")}`],
    ];
    for (const [callbackUrl, expected] of cases) {
      const client = new HttpClient(h.base);
      const csrf = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await client.post("/api/auth/callback/credentials", new URLSearchParams({ csrfToken: csrf.csrfToken, email: user.email, password: TEST_PASSWORD, callbackUrl, json: "true" }));
      expect(res.status, callbackUrl).toBe(200);
      expect(((await res.json()) as { url: string }).url, callbackUrl).toBe(expected);
      expect((await client.get("/api/me")).status, callbackUrl).toBe(200);
    }
    // Each sign-in made exactly one session, and each is in use.
    expect(await h.db.userSession.count({ where: { userId: user.id } })).toBe(cases.length);
  });
});
