// The language switch over HTTP against the running portal: a visitor gets the cookie only; a signed-in
// user's choice is also stored on their own row (mail is written in it), and a browser without the
// cookie (a new computer) starts in it after signing in. A hostile value is refused and stores nothing.
import { describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";
import { HttpClient } from "../helpers/http";
import { usePortal } from "../helpers/browser";

const h = usePortal();
const stored = async (id: string) => (await h.db.user.findUniqueOrThrow({ where: { id }, select: { locale: true } })).locale;
const lang = async (http: HttpClient) => /<html[^>]* lang="([^"]+)"/.exec(await (await http.get("/notifications")).text())?.[1];

describe("POST /locale", () => {
  it("sets only the cookie for a visitor", async () => {
    const http = new HttpClient(h.base);
    const res = await http.post("/locale", new URLSearchParams({ locale: "en", next: "/" }));
    expect(res.status).toBe(303);
    expect(http.cookie("locale")).toBe("en");
  });

  it("stores a signed-in user's choice on their own row only; a new browser starts in it", async () => {
    const alex = await makeUser(h.db, { password: TEST_PASSWORD });
    const bai = await makeUser(h.db, { password: TEST_PASSWORD });
    const http = new HttpClient(h.base);
    await http.signIn(alex.email, TEST_PASSWORD);
    expect(http.hasSession()).toBe(true);
    expect((await http.post("/locale", new URLSearchParams({ locale: "en", next: "/notifications" }))).status).toBe(303);
    expect(http.cookie("locale")).toBe("en");
    expect(await stored(alex.id)).toBe("en");
    expect(await stored(bai.id)).toBeNull();

    const hostile = await http.post("/locale", new URLSearchParams({ locale: "en\"><script>", next: "/" }));
    expect(hostile.status).toBe(400);
    expect(await hostile.json()).toMatchObject({ error: { code: "VALIDATION", fields: { locale: "zh-CN | en" } } });
    expect(await stored(alex.id)).toBe("en");

    // Another computer: no cookie, the stored choice after signing in; a user who never chose gets zh-CN.
    const elsewhere = new HttpClient(h.base);
    await elsewhere.signIn(alex.email, TEST_PASSWORD);
    expect(elsewhere.cookie("locale")).toBeUndefined();
    expect(await lang(elsewhere)).toBe("en");
    const other = new HttpClient(h.base);
    await other.signIn(bai.email, TEST_PASSWORD);
    expect(await lang(other)).toBe("zh-CN");
  });
});
