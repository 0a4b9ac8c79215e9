// Every page and route handler × anonymous and every role, from one table. The test fails when a
// route exists in app/ that the table does not list (so a new route cannot ship unchecked).
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { usePortal } from "../helpers/browser";
import { makeDepartment, makeLine, makePolicy, makeUser, TEST_PASSWORD } from "../helpers/factories";
import { HttpClient } from "../helpers/http";

const h = usePortal();

type Who = "anonymous" | "employee" | "owner" | "policy" | "manager" | "admin" | "qa";
// Users of this file's own organisation, one per role (made in beforeAll; no demo account).
const ACCOUNTS: Record<Exclude<Who, "anonymous">, Role[]> = {
  employee: ["EMPLOYEE"],
  owner: ["EMPLOYEE", "FIRST_CONTACT_OWNER"],
  policy: ["EMPLOYEE", "POLICY_OWNER"],
  manager: ["EMPLOYEE", "MANAGER"],
  admin: ["EMPLOYEE", "ADMIN"],
  qa: ["EMPLOYEE", "QA_REVIEWER"],
};
const EVERYONE: Who[] = ["anonymous", "employee", "owner", "policy", "manager", "admin", "qa"];
const SIGNED_IN: Who[] = ["employee", "owner", "policy", "manager", "admin", "qa"];

interface Case {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** concrete path to call (placeholders filled) */
  path: string;
  allowed: Who[];
  body?: unknown;
}

const id = randomUUID();
// A policy this file imports itself (in beforeAll), so the policy pages have a real one to show.
const POLICY = `authz-matrix-${id.slice(0, 8)}`;
// route file (relative to app/) → the requests that exercise it
const TABLE: Record<string, Case[]> = {
  "page.tsx": [{ method: "GET", path: "/", allowed: EVERYONE }],
  "signin/page.tsx": [{ method: "GET", path: "/signin", allowed: EVERYONE }],
  "search/page.tsx": [{ method: "GET", path: "/search?q=年假", allowed: SIGNED_IN }],
  "policies/page.tsx": [{ method: "GET", path: "/policies", allowed: SIGNED_IN }],
  "policies/[id]/page.tsx": [{ method: "GET", path: `/policies/${POLICY}`, allowed: SIGNED_IN }],
  "policies/[id]/versions/page.tsx": [{ method: "GET", path: `/policies/${POLICY}/versions`, allowed: SIGNED_IN }],
  "policies/publish/page.tsx": [{ method: "GET", path: "/policies/publish", allowed: ["policy", "admin"] }],
  "api/policy-uploads/route.ts": [{ method: "POST", path: "/api/policy-uploads", allowed: ["policy", "admin"], body: {} }],
  "api/policy-uploads/[id]/publish/route.ts": [{ method: "POST", path: `/api/policy-uploads/${id}/publish`, allowed: ["policy", "admin"], body: {} }],
  "api/policies/[id]/retire/route.ts": [{ method: "POST", path: `/api/policies/${id}/retire`, allowed: ["policy", "admin"], body: {} }],
  "api/phrasings/route.ts": [{ method: "POST", path: "/api/phrasings", allowed: ["policy", "admin"], body: {} }],
  "api/phrasings/[id]/remove/route.ts": [{ method: "POST", path: `/api/phrasings/${id}/remove`, allowed: ["policy", "admin"], body: {} }],
  "api/policies/[id]/versions/[version]/file/route.ts": [{ method: "GET", path: `/api/policies/${POLICY}/versions/1/file`, allowed: SIGNED_IN }],
  "ask/page.tsx": [{ method: "GET", path: "/ask", allowed: SIGNED_IN }],
  "notifications/page.tsx": [{ method: "GET", path: "/notifications", allowed: SIGNED_IN }],
  "api/notifications/read/route.ts": [{ method: "POST", path: "/api/notifications/read", allowed: SIGNED_IN, body: {} }],
  "my/questions/page.tsx": [{ method: "GET", path: "/my/questions", allowed: SIGNED_IN }],
  "questions/[id]/page.tsx": [{ method: "GET", path: `/questions/${id}`, allowed: SIGNED_IN }],
  "queue/page.tsx": [{ method: "GET", path: "/queue", allowed: ["owner", "manager"] }],
  "admin/page.tsx": [{ method: "GET", path: "/admin", allowed: ["admin"] }],
  "settings/notifications/page.tsx": [{ method: "GET", path: "/settings/notifications", allowed: SIGNED_IN }],
  "admin/notifications/page.tsx": [{ method: "GET", path: "/admin/notifications", allowed: ["admin"] }],
  "admin/org/page.tsx": [{ method: "GET", path: "/admin/org", allowed: ["admin"] }],
  "api/admin/org-import/route.ts": [{ method: "POST", path: "/api/admin/org-import", allowed: ["admin"], body: {} }],
  "api/admin/org-export/route.ts": [{ method: "GET", path: "/api/admin/org-export", allowed: ["admin"] }],
  "insights/policies/page.tsx": [{ method: "GET", path: "/insights/policies", allowed: ["policy", "admin"] }],
  "insights/owners/page.tsx": [{ method: "GET", path: "/insights/owners", allowed: ["owner", "manager", "admin"] }],
  "insights/management/page.tsx": [{ method: "GET", path: "/insights/management", allowed: ["manager", "admin"] }],
  "insights/ledger/page.tsx": [{ method: "GET", path: "/insights/ledger", allowed: ["manager", "qa", "admin"] }],
  "qa/page.tsx": [{ method: "GET", path: "/qa", allowed: ["qa", "admin"] }],
  "locale/route.ts": [{ method: "POST", path: "/locale", allowed: EVERYONE }],
  "api/health/route.ts": [{ method: "GET", path: "/api/health", allowed: EVERYONE }],
  "api/ping/route.ts": [{ method: "GET", path: "/api/ping", allowed: EVERYONE }],
  // Sign-in and sign-out themselves are covered in auth-http.test.ts (calling them here would end sessions).
  "api/auth/[...nextauth]/route.ts": [{ method: "GET", path: "/api/auth/csrf", allowed: EVERYONE }],
  "api/me/route.ts": [{ method: "GET", path: "/api/me", allowed: SIGNED_IN }],
  "api/search/route.ts": [{ method: "GET", path: "/api/search?q=年假", allowed: SIGNED_IN }],
  "api/sections/[id]/route.ts": [{ method: "GET", path: `/api/sections/${id}`, allowed: SIGNED_IN }],
  "api/feedback/route.ts": [{ method: "POST", path: "/api/feedback", allowed: SIGNED_IN, body: {} }],
  "api/ask/sessions/route.ts": [{ method: "POST", path: "/api/ask/sessions", allowed: SIGNED_IN, body: {} }],
  "api/ask/suggest/route.ts": [{ method: "GET", path: `/api/ask/suggest?q=年假&session=${id}`, allowed: SIGNED_IN }],
  "api/ask/sessions/[id]/view/route.ts": [{ method: "POST", path: `/api/ask/sessions/${id}/view`, allowed: SIGNED_IN, body: {} }],
  "api/ask/sessions/[id]/deflect/route.ts": [{ method: "POST", path: `/api/ask/sessions/${id}/deflect`, allowed: SIGNED_IN, body: {} }],
  "api/questions/route.ts": [{ method: "POST", path: "/api/questions", allowed: SIGNED_IN, body: {} }],
  "api/questions/[id]/[action]/route.ts": ["reply", "handoff", "resolve", "asker-reply", "confirm", "reopen", "rate", "complain", "instruct", "acknowledge-instruction", "reassign", "extend", "take-over", "urgency"].map((a) => ({
    method: "POST" as const,
    path: `/api/questions/${id}/${a}`,
    allowed: SIGNED_IN,
    body: {},
  })),
  "api/ask/deadlines/route.ts": [{ method: "GET", path: `/api/ask/deadlines?line=${id}`, allowed: SIGNED_IN }],
  "api/questions/[id]/clauses/route.ts": [{ method: "GET", path: `/api/questions/${id}/clauses?q=年假`, allowed: SIGNED_IN }],
  // Who may keep which saved reply is decided in the verbs (tests/integration/workspace.test.ts).
  "api/saved-replies/route.ts": [
    { method: "GET", path: "/api/saved-replies", allowed: SIGNED_IN },
    { method: "POST", path: "/api/saved-replies", allowed: SIGNED_IN, body: {} },
  ],
  "api/saved-replies/[id]/route.ts": [
    { method: "PATCH", path: `/api/saved-replies/${id}`, allowed: SIGNED_IN, body: {} },
    { method: "DELETE", path: `/api/saved-replies/${id}`, allowed: SIGNED_IN, body: {} },
  ],
  // Who may decide is checked in the verbs (the assigned reviewer or an admin; 404 for anyone else).
  "api/complaints/[id]/[action]/route.ts": ["decide", "request-statement", "statement"].map((a) => ({ method: "POST" as const, path: `/api/complaints/${id}/${a}`, allowed: SIGNED_IN, body: {} })),
  "reviews/page.tsx": [{ method: "GET", path: "/reviews", allowed: SIGNED_IN }],
  "api/handoffs/[id]/respond/route.ts": [{ method: "POST", path: `/api/handoffs/${id}/respond`, allowed: SIGNED_IN, body: { accept: true } }],
  // An empty body fails validation (400): the matrix checks who gets past the session and role check.
  "api/settings/notifications/route.ts": [
    { method: "GET", path: "/api/settings/notifications", allowed: SIGNED_IN },
    { method: "POST", path: "/api/settings/notifications", allowed: SIGNED_IN, body: {} },
  ],
  "api/insights/[action]/route.ts": ["acknowledge-gap", "mark-revision"].map((a) => ({ method: "POST" as const, path: `/api/insights/${a}`, allowed: ["policy", "admin"] as Who[], body: {} })),
  "api/ledger/route.ts": [{ method: "GET", path: "/api/ledger?format=csv", allowed: ["manager", "qa", "admin"] }],
  "api/qa/[action]/route.ts": ["grade", "draw"].map((a) => ({ method: "POST" as const, path: `/api/qa/${a}`, allowed: ["qa", "admin"] as Who[], body: {} })),
  "api/admin/notifications/[id]/retry/route.ts": [{ method: "POST", path: `/api/admin/notifications/${id}/retry`, allowed: ["admin"], body: {} }],
  "api/admin/[action]/route.ts": [
    ...["assignment", "roster", "phrase", "user", "time-limit", "calendar", "handoff-receivers", "calendar-official", "working-hours", "complaint-review", "escalation-settings"].map((a) => ({ method: "POST" as const, path: `/api/admin/${a}`, allowed: ["admin"] as Who[], body: {} })),
    { method: "POST", path: "/api/admin/synonyms", allowed: ["policy", "admin"], body: {} },
  ],
};

function routeFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full, base);
    return /^(page\.tsx|route\.ts)$/.test(name) ? [path.relative(base, full).split(path.sep).join("/")] : [];
  });
}

const clients = new Map<Who, HttpClient>();

beforeAll(async () => {
  clients.set("anonymous", new HttpClient(h.base));
  const dept = await makeDepartment(h.db, { name: `权限矩阵部 ${id.slice(0, 8)}` });
  const policyDept = await makeDepartment(h.db, { name: `权限矩阵制度部 ${id.slice(0, 8)}` });
  const users = new Map<Who, string>();
  for (const [who, roles] of Object.entries(ACCOUNTS)) {
    const u = await makeUser(h.db, { roles, password: TEST_PASSWORD, departmentId: who === "policy" ? policyDept.id : dept.id });
    users.set(who as Who, u.email);
    if (who === "manager") await h.db.department.update({ where: { id: dept.id }, data: { managerId: u.id } });
  }
  const owner = await h.db.user.findUniqueOrThrow({ where: { email: users.get("owner")! } });
  const line = await makeLine(h.db, { policyOwnerDeptId: policyDept.id, ownerIds: [owner.id] });
  await makePolicy(h.db, { id: POLICY, lineName: line.name, ownerName: policyDept.name });
  for (const [who, email] of users) {
    const c = new HttpClient(h.base);
    const res = await c.signIn(email, TEST_PASSWORD);
    expect(res.status, `sign in ${who}`).toBe(200);
    clients.set(who as Who, c);
  }
});

describe("authorization matrix", () => {
  it("lists every page and route handler in app/", () => {
    const files = routeFiles(path.resolve("app")).sort();
    expect(files.filter((f) => !(f in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((f) => !files.includes(f))).toEqual([]);
  });

  for (const [file, cases] of Object.entries(TABLE)) {
    for (const c of cases) {
      it(`${c.method} ${c.path.split("?")[0]} (${file})`, async () => {
        for (const who of EVERYONE) {
          const client = clients.get(who)!;
          const res =
            c.method === "GET"
              ? await client.get(c.path)
              : await client.request(c.method, c.path, {
                  body: JSON.stringify(c.body ?? {}),
                  headers: { "content-type": "application/json", origin: h.base },
                });
          const text = await res.text();
          if (c.allowed.includes(who)) {
            expect([401, 403], `${who} must be allowed on ${c.method} ${c.path}, got ${res.status}`).not.toContain(res.status);
            expect(res.status, `${who} ${c.method} ${c.path}`).toBeLessThan(500);
          } else {
            const expected = who === "anonymous" ? 401 : 403;
            expect(res.status, `${who} must be refused on ${c.method} ${c.path}`).toBe(expected);
            // A refusal carries no data: no question, policy or user content, only the error.
            if (res.headers.get("content-type")?.includes("json")) {
              const body = JSON.parse(text) as Record<string, unknown>;
              expect(Object.keys(body).sort(), `${who} ${c.path}`).toEqual(["error", "requestId"]);
            } else {
              // The 401/403 page (in the HTML, or in the React payload Next streams for interrupts).
              const marker = who === "anonymous" ? "unauthorized" : "forbidden";
              expect(text).toMatch(new RegExp(`data-testid(="|\\\\":\\\\")${marker}`));
              expect(text).not.toMatch(/第[一二三四五六七八九十百]+条|Q-\d{6}/);
            }
          }
        }
      });
    }
  }
});
