// SSRF through webhook settings (issue 15.3), at the HTTP boundary of the production build: the
// portal runs with NODE_ENV=production and without the loopback switch, so an employee can save only
// the vendors' hosts over https. Each refusal is a 400 naming the field, and nothing is stored.
import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";
import { signIn, useBrowser } from "../helpers/browser";
import { HttpClient } from "../helpers/http";

const h = useBrowser();
let user: Awaited<ReturnType<typeof makeUser>>;
let client: HttpClient;

const off = { enabled: false, address: "" };
const save = (address: string) =>
  client.request("POST", "/api/settings/notifications", {
    body: JSON.stringify({ email: { enabled: true }, wecom: { enabled: true, address }, dingtalk: off, feishu: off }),
    headers: { "content-type": "application/json", origin: h.base },
  });

beforeAll(async () => {
  user = await makeUser(h.db, { password: TEST_PASSWORD });
  client = new HttpClient(h.base);
  expect((await client.signIn(user.email, TEST_PASSWORD)).status).toBe(200);
});

describe("webhook targets at save time, on the running portal", () => {
  it.each([
    "http://127.0.0.1:7700/indexes",
    "http://localhost:7713/indexes",
    "https://localhost/hook",
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://2130706433/",
    "https://[::1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://10.0.0.8/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://[fe80::1]/",
    "https://[fd00::1]/",
    "https://attacker.example/collect",
    "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
  ])("refuses %s with 400 naming wecom.address and stores nothing", async (address) => {
    const res = await save(address);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields?: Record<string, string> } };
    expect(Object.keys(body.error.fields ?? {})).toEqual(["wecom.address"]);
    expect(await h.db.notificationPreference.count({ where: { userId: user.id } })).toBe(0);
  });

  it("accepts a vendor's https address", async () => {
    const res = await save("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc");
    expect(res.status).toBe(200);
    expect(await h.db.notificationPreference.findFirstOrThrow({ where: { userId: user.id, channel: "WECOM" } })).toMatchObject({ enabled: true });
    await h.db.notificationPreference.deleteMany({ where: { userId: user.id } });
  });

  it("shows the reason beside the field in the settings form", async () => {
    const { page } = await h.newPage();
    await signIn(page, h.base, user.email, TEST_PASSWORD);
    await page.goto(`${h.base}/settings/notifications`);
    await page.locator('input[name="wecom-enabled"]').check();
    await page.locator('input[name="wecom-address"]').fill("http://0177.0.0.1:7700/indexes");
    await page.getByRole("button", { name: "保存" }).click();
    const error = page.locator("#wecom-error");
    await expect.poll(() => error.textContent()).toMatch(/本机/);
    expect(await page.locator('input[name="wecom-address"]').getAttribute("aria-invalid")).toBe("true");
    expect(await h.db.notificationPreference.count({ where: { userId: user.id } })).toBe(0);
  });
});
