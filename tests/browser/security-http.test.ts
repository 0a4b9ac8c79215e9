// Security at the HTTP boundary, against the production build (issue 7): malformed input, cross-site
// writes, mass assignment, floods, guessed ids, security headers on every kind of response, and no
// server secret in what a browser can download.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { makeLine, makeSearchedAskSession, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { usePortal } from "../helpers/browser";
import { HttpClient } from "../helpers/http";

const h = usePortal();
let employee: HttpClient;
let lineId: string;

const json = (origin?: string) => ({ "content-type": "application/json", ...(origin ? { origin } : {}) });

async function signedIn(email: string, password: string): Promise<HttpClient> {
  const c = new HttpClient(h.base);
  expect((await c.signIn(email, password)).status).toBe(200);
  return c;
}

// This file's own employee, admin and 条线 (with a first-contact owner, so filing routes).
let employeeUser: Awaited<ReturnType<typeof makeUser>>;
let adminUser: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  employeeUser = await makeUser(h.db, { password: TEST_PASSWORD });
  adminUser = await makeUser(h.db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD });
  const lineOwner = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
  lineId = (await makeLine(h.db, { ownerIds: [lineOwner.id] })).id;
  employee = await signedIn(employeeUser.email, TEST_PASSWORD);
});

/** An error answer: JSON with a message and a request id, never a stack trace. */
async function expectCleanError(res: Response, status: number): Promise<{ requestId: string; error: { code: string; message: string; fields?: Record<string, string> } }> {
  expect(res.status).toBe(status);
  const text = await res.text();
  expect(text).not.toMatch(/\n\s+at |node_modules|\.tsx?:\d+/);
  const body = JSON.parse(text) as Awaited<ReturnType<typeof expectCleanError>>;
  expect(body.requestId).toEqual(expect.any(String));
  expect(res.headers.get("x-request-id")).toBe(body.requestId);
  expect(body.error.message).toEqual(expect.any(String));
  return body;
}

describe("malformed input is refused with a reason and stores nothing", () => {
  const valid = () => ({ idempotencyKey: randomUUID(), body: "年假可以分几次休？", lineId, contactName: "李明" });
  const questionsOfEmployee = async () => h.db.question.count({ where: { askerId: employeeUser.id } });

  it("2 MB body and a 100,000-character question → 413; a 6,000-character question → 400 naming the field; invalid JSON → 400; NUL and lone surrogates → 400; unknown enum → 400", async () => {
    const before = await questionsOfEmployee();
    const post = (body: string) => employee.request("POST", "/api/questions", { body, headers: json(h.base) });

    await expectCleanError(await post(JSON.stringify({ ...valid(), body: "假".repeat(2 * 1024 * 1024 / 3) })), 413);
    // 100,000 characters are ~300 KB of UTF-8: over the 64 KB a write may carry, refused before parsing.
    await expectCleanError(await post(JSON.stringify({ ...valid(), body: "问".repeat(100_000) })), 413);
    const long = await expectCleanError(await post(JSON.stringify({ ...valid(), body: "问".repeat(6_000) })), 400);
    expect(Object.keys(long.error.fields ?? {})).toContain("body");
    await expectCleanError(await post('{"idempotencyKey": "abc", "body": '), 400);
    const nul = await expectCleanError(await post(JSON.stringify({ ...valid(), body: "年假\u0000可以分几次休？" })), 400);
    expect(Object.keys(nul.error.fields ?? {})).toEqual(["body"]);
    // A lone surrogate cannot be produced by JSON.stringify of a well-formed string: write the escape by hand.
    const surrogate = await expectCleanError(await post(JSON.stringify(valid()).replace('"李明"', '"李\\ud800明"')), 400);
    expect(Object.keys(surrogate.error.fields ?? {})).toEqual(["contactName"]);
    expect(await questionsOfEmployee()).toBe(before);

    const kind = await expectCleanError(
      await employee.request("POST", `/api/questions/${randomUUID()}/resolve`, { body: JSON.stringify({ kind: "SOLVED_BY_MAGIC", citedSectionIds: [] }), headers: json(h.base) }),
      400,
    );
    expect(Object.keys(kind.error.fields ?? {})).toContain("kind");
  });
});

describe("action names in the path", () => {
  it("a name every object inherits (constructor, toString, valueOf, __proto__) is an unknown action: 404, on every action route", async () => {
    const admin = await signedIn(adminUser.email, TEST_PASSWORD);
    const id = randomUUID();
    for (const name of ["constructor", "toString", "valueOf", "__proto__"]) {
      for (const [client, path] of [[employee, `/api/questions/${id}/${name}`], [employee, `/api/complaints/${id}/${name}`], [admin, `/api/qa/${name}`], [admin, `/api/insights/${name}`], [admin, `/api/admin/${name}`]] as const) {
        const body = await expectCleanError(await client.request("POST", path, { body: "{}", headers: json(h.base) }), 404);
        expect(body.error.code, path).toBe("NOT_FOUND");
      }
    }
  });
});

describe("cross-site writes", () => {
  it("urlencoded and text/plain form posts, and JSON with a foreign Origin, change nothing", async () => {
    const before = await h.db.question.count();
    const form = new URLSearchParams({ idempotencyKey: randomUUID(), body: "跨站提交的问题内容", lineId, contactName: "x" });
    const r1 = await employee.request("POST", "/api/questions", { body: form, headers: { origin: "https://evil.example" } });
    expect([400, 403]).toContain(r1.status);
    const r2 = await employee.request("POST", "/api/questions", {
      body: `{"idempotencyKey":"${randomUUID()}","body":"跨站提交的问题内容","lineId":"${lineId}","contactName":"x"}`,
      headers: { "content-type": "text/plain", origin: "https://evil.example" },
    });
    expect([400, 403]).toContain(r2.status);
    const r3 = await employee.request("POST", "/api/questions", {
      body: JSON.stringify({ idempotencyKey: randomUUID(), body: "跨站提交的问题内容", lineId, contactName: "x" }),
      headers: json("https://evil.example"),
    });
    expect(r3.status).toBe(403);
    expect(await h.db.question.count()).toBe(before);
  });

  it("GET on a write endpoint changes nothing", async () => {
    const before = await h.db.question.count();
    const res = await employee.get(`/api/questions?idempotencyKey=${randomUUID()}&body=GET提交&lineId=${lineId}&contactName=x`);
    expect(res.status).toBe(405);
    expect(await h.db.question.count()).toBe(before);
  });
});

describe("search first, on the server", () => {
  it("a question without the asker's searched ask session is refused with 409 and the reason; with one it is filed", async () => {
    const post = (extra: Record<string, unknown>) =>
      employee.request("POST", "/api/questions", { body: JSON.stringify({ idempotencyKey: randomUUID(), body: "先检索再提问的规则测试", lineId, contactName: "李明", ...extra }), headers: json(h.base) });
    const before = await h.db.question.count({ where: { body: "先检索再提问的规则测试" } });
    const none = await expectCleanError(await post({}), 409);
    expect(none.error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/先检索制度/) });
    const employeeId = employeeUser.id;
    const unsearched = await h.db.askSession.create({ data: { userId: employeeId } });
    expect((await expectCleanError(await post({ askSessionId: unsearched.id }), 409)).error.message).toMatch(/没有任何检索记录/);
    expect(await h.db.question.count({ where: { body: "先检索再提问的规则测试" } })).toBe(before);
    // Through the ask page's own endpoints: a session, one search, then filing.
    const session = (await (await employee.request("POST", "/api/ask/sessions", { body: "{}", headers: json(h.base) })).json()) as { id: string };
    expect((await employee.get(`/api/ask/suggest?${new URLSearchParams({ q: "年假", session: session.id })}`)).status).toBe(200);
    expect((await post({ askSessionId: session.id })).status).toBe(201);
  });
});

describe("mass assignment", () => {
  it("an asker cannot set owner, status, deadlines or escalation when filing, nor score out of range", async () => {
    const admin = adminUser;
    const res = await employee.request("POST", "/api/questions", {
      body: JSON.stringify({ ...{ idempotencyKey: randomUUID(), body: "试用期可以请年假吗？", lineId, contactName: "李明" }, ownerId: admin.id, status: "RESOLVED", resolutionDueAt: "2099-01-01T00:00:00Z", escalationLevel: 3, askerId: admin.id }),
      headers: json(h.base),
    });
    // Unknown fields are refused outright (strict schemas): nothing is stored with them.
    const body = await expectCleanError(res, 400);
    const refused = Object.keys(body.error.fields ?? {}).join(",").split(",");
    expect(refused).toEqual(expect.arrayContaining(["ownerId", "status", "resolutionDueAt", "escalationLevel", "askerId"]));
    expect(await h.db.question.count({ where: { body: "试用期可以请年假吗？" } })).toBe(0);
    const rate = await expectCleanError(
      await employee.request("POST", `/api/questions/${randomUUID()}/rate`, { body: JSON.stringify({ idempotencyKey: randomUUID(), score: 9 }), headers: json(h.base) }),
      400,
    );
    expect(Object.keys(rate.error.fields ?? {})).toEqual(["score"]);
  });
});

describe("floods and guessed ids", () => {
  it("a question flood gets 429 with Retry-After for that user only", async () => {
    const flooder = await makeUser(h.db, { password: TEST_PASSWORD });
    const owner = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const line = await makeLine(h.db, { ownerIds: [owner.id] });
    const c = await signedIn(flooder.email, TEST_PASSWORD);
    const employeeId = employeeUser.id;
    const file = async (client: HttpClient, userId: string) => {
      const askSessionId = (await makeSearchedAskSession(h.db, userId, { query: "会议室预订" })).id;
      return client.request("POST", "/api/questions", { body: JSON.stringify({ idempotencyKey: randomUUID(), body: "会议室怎么预订？", lineId: line.id, contactName: "测试", askSessionId }), headers: json(h.base) });
    };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await file(c, flooder.id)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201));
    const last = await file(c, flooder.id);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await file(employee, employeeId)).status).toBe(201);
    expect(await h.db.question.count({ where: { askerId: flooder.id } })).toBe(20);
  });

  it("someone else's question, by id, is refused without its content and the attempt is logged", async () => {
    const other = await makeUser(h.db, { password: TEST_PASSWORD });
    const owner = await makeUser(h.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const line = await makeLine(h.db, { ownerIds: [owner.id] });
    const c = await signedIn(other.email, TEST_PASSWORD);
    const askSessionId = (await makeSearchedAskSession(h.db, other.id, { query: "工资条有误" })).id;
    const filed = (await (await c.request("POST", "/api/questions", { body: JSON.stringify({ idempotencyKey: randomUUID(), body: "我的工资条有误，私密问题", lineId: line.id, contactName: "测试", askSessionId }), headers: json(h.base) })).json()) as { id: string };
    const res = await employee.get(`/questions/${filed.id}`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("工资条");
    const employeeId = employeeUser.id;
    await expect(h.db.auditLog.count({ where: { action: "question.view.denied", target: filed.id, actorId: employeeId } })).resolves.toBe(1);
  });
});

describe("session cookie", () => {
  it("is HttpOnly and SameSite=Lax, and a new sign-in gets a new session token", async () => {
    const sessionCookie = async () => {
      const c = new HttpClient(h.base);
      const csrf = (await (await c.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await c.post("/api/auth/callback/credentials", new URLSearchParams({ csrfToken: csrf.csrfToken, email: employeeUser.email, password: TEST_PASSWORD, callbackUrl: h.base, json: "true" }));
      const line = res.headers.getSetCookie().find((l) => /next-auth\.session-token=/.test(l));
      expect(line).toBeDefined();
      return line!;
    };
    const first = await sessionCookie();
    expect(first).toMatch(/;\s*HttpOnly/i);
    expect(first).toMatch(/;\s*SameSite=Lax/i);
    // Plain http here: no Secure flag (behind TLS NEXTAUTH_URL is https and the cookie is __Secure-, see docs/operations.md).
    const second = await sessionCookie();
    expect(second.split(";")[0]).not.toBe(first.split(";")[0]);
  });
});

describe("headers and secrets", () => {
  it("every kind of response carries CSP (object-src 'none', frame-ancestors 'none'), nosniff and a Referrer-Policy", async () => {
    const anonymous = new HttpClient(h.base);
    const home = await (await anonymous.get("/")).text();
    const script = home.match(/\/_next\/static\/[^"']+\.js/)?.[0];
    expect(script).toBeDefined();
    const responses: [string, Response][] = [
      ["page", await employee.get("/search?q=年假")],
      ["401 page", await anonymous.get("/search")],
      ["404 page", await employee.get(`/no-such-page-${randomUUID()}`)],
      ["JSON API", await employee.get("/api/me")],
      ["JSON error", await anonymous.get("/api/me")],
      ["health", await anonymous.get("/api/health")],
      ["static asset", await anonymous.get(script!)],
    ];
    for (const [kind, res] of responses) {
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, kind).toContain("object-src 'none'");
      expect(csp, kind).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), kind).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), kind).toBe("strict-origin-when-cross-origin");
    }
  });

  it("no server secret in .next/static or in rendered pages", async () => {
    const secrets = inject("portalSecrets");
    expect(secrets.every((s) => s.length >= 16)).toBe(true);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(path.resolve(".next/static"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, "latin1");
      for (const s of secrets) expect(text.includes(s), `${f} contains a server secret`).toBe(false);
    }
    const admin = await signedIn(adminUser.email, TEST_PASSWORD);
    for (const p of ["/", "/search?q=年假", "/admin", "/settings/notifications", "/policies"]) {
      const html = await (await admin.get(p)).text();
      for (const s of secrets) expect(html.includes(s), `${p} contains a server secret`).toBe(false);
      expect(html).not.toMatch(/MEILI_MASTER_KEY|NEXTAUTH_SECRET/);
    }
  });
});
