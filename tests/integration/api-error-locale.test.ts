// API errors take the pages' language order: the `locale` cookie, else the signed-in user's stored choice
// (User.locale), else zh-CN. The stored choice comes with the session row authedRoute reads for the actor,
// so a route answers in it without a query of its own. Real session rows and a real next-auth token; only
// next/headers' cookie jar stands in for Next's request scope.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { openSession } from "@/lib/auth/sign-in-with-password";
import { poolOf } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";
import { m, NotFoundError } from "@/lib/errors";
import { authedRoute } from "@/lib/http/route";
import { makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }),
}));

const t = useTestDb();

// Any signed-in user gets past the wrapper; the handler refuses with a message that has values.
const route = authedRoute({}, async () => {
  throw new NotFoundError(m("errors.unknownLine", { line: "hr" }));
});

let english: { id: string };
let undecided: { id: string };

beforeAll(async () => {
  english = await makeUser(t.db, { name: "Alex" });
  undecided = await makeUser(t.db, { name: "Bai" });
  await t.db.user.update({ where: { id: english.id }, data: { locale: "en" } });
});

/** The route's answer for `user` (signed in by a session row and its token), with this `locale` cookie if any. */
async function answer(user: { id: string } | null, localeCookie?: string): Promise<{ status: number; message: string }> {
  jar.clear();
  if (user) {
    const sid = await openSession({ db: t.db, now: new Date() }, { userId: user.id, sessionVersion: 0 });
    jar.set("next-auth.session-token", await encode({ token: { sid }, secret: serverEnv().NEXTAUTH_SECRET }));
  }
  const req = new NextRequest("http://localhost/api/lines/hr", localeCookie ? { headers: { cookie: `locale=${localeCookie}` } } : {});
  const res = await route(req, { params: Promise.resolve({}) });
  return { status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message };
}

describe("API errors in the reader's language", () => {
  it("follow the signed-in user's stored choice when the browser has no cookie", async () => {
    expect(await answer(english)).toEqual({ status: 404, message: "Unknown line “hr”" });
  });

  it("let the cookie win over the stored choice", async () => {
    expect(await answer(english, "zh-CN")).toEqual({ status: 404, message: "未知条线“hr”" });
    expect(await answer(undecided, "en")).toEqual({ status: 404, message: "Unknown line “hr”" });
  });

  it("are Chinese for a user who never chose, and for an unreadable cookie without a stored choice", async () => {
    expect(await answer(undecided)).toEqual({ status: 404, message: "未知条线“hr”" });
    expect(await answer(undecided, "fr")).toEqual({ status: 404, message: "未知条线“hr”" });
    // An unreadable cookie does not hide the stored choice.
    expect(await answer(english, "fr")).toEqual({ status: 404, message: "Unknown line “hr”" });
  });

  it("answer a visitor who is not signed in by the cookie alone", async () => {
    expect(await answer(null, "en")).toMatchObject({ status: 401, message: "Please sign in first" });
    expect(await answer(null)).toMatchObject({ status: 401, message: "请先登录" });
  });

  it("read the session row once per request: the stored language costs no query of its own", async () => {
    const pool = poolOf(t.db);
    const query = vi.spyOn(pool, "query");
    try {
      await answer(english);
      const sessionReads = query.mock.calls.filter(([config]) => (config as { name?: string } | undefined)?.name === "shouwen_session_actor");
      expect(sessionReads).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
  });
});
