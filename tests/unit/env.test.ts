// lib/env: each setting parsed once with a schema; a wrong value is one sentence naming the variable.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cliLocale, EnvError, launcherEnv, resetEnvForTests, serverEnv, webhookPolicy } from "@/lib/env";

const VALID = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/shouwen",
  MEILI_HOST: "http://127.0.0.1:7700",
  MEILI_MASTER_KEY: "k".repeat(24),
  NEXTAUTH_SECRET: "s".repeat(32),
};

let saved: NodeJS.ProcessEnv;

function setEnv(values: Record<string, string | undefined>) {
  for (const key of Object.keys(process.env)) {
    if (/^(DATABASE_|MEILI_|NEXTAUTH_|OIDC_|LOGIN_|SHOUWEN_|SESSION_|SMTP_|TRUST_PROXY|PORT|HOSTNAME|LOG_LEVEL|WEBHOOK_)/.test(key)) delete process.env[key];
  }
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

beforeEach(() => {
  saved = { ...process.env };
});
afterEach(() => {
  process.env = saved;
  resetEnvForTests();
});

describe("serverEnv", () => {
  it("applies the documented defaults", () => {
    setEnv(VALID);
    expect(serverEnv()).toMatchObject({
      MEILI_INDEX_PREFIX: "shouwen",
      SESSION_MAX_AGE_HOURS: 12,
      LOGIN_MAX_FAILURES_PER_ACCOUNT: 10,
      LOGIN_MAX_FAILURES_PER_IP: 50,
      LOGIN_WINDOW_MINUTES: 15,
      TRUST_PROXY: false,
      DATABASE_POOL_SIZE: 10,
    });
  });

  it("coerces numbers and booleans", () => {
    setEnv({ ...VALID, LOGIN_WINDOW_MINUTES: "5", TRUST_PROXY: "yes", DATABASE_POOL_SIZE: "3" });
    expect(serverEnv()).toMatchObject({ LOGIN_WINDOW_MINUTES: 5, TRUST_PROXY: true, DATABASE_POOL_SIZE: 3 });
  });

  it("names a missing variable", () => {
    setEnv({ ...VALID, DATABASE_URL: undefined });
    expect(() => serverEnv()).toThrow(new EnvError("Environment variable DATABASE_URL is required but not set."));
  });

  it("treats an empty value as unset", () => {
    setEnv({ ...VALID, MEILI_INDEX_PREFIX: "" });
    expect(serverEnv().MEILI_INDEX_PREFIX).toBe("shouwen");
  });

  it.each([
    ["NEXTAUTH_SECRET", "short", /NEXTAUTH_SECRET has an invalid value: must be at least 32 characters/],
    ["DATABASE_URL", "mysql://x", /DATABASE_URL has an invalid value: must be a postgresql:\/\/ URL/],
    ["MEILI_MASTER_KEY", "tooshort", /MEILI_MASTER_KEY has an invalid value: must be at least 16 bytes/],
    ["MEILI_INDEX_PREFIX", "Bad-Prefix", /MEILI_INDEX_PREFIX has an invalid value: use a-z, 0-9 and _/],
    ["TRUST_PROXY", "maybe", /TRUST_PROXY has an invalid value/],
    ["LOGIN_WINDOW_MINUTES", "0", /LOGIN_WINDOW_MINUTES has an invalid value/],
  ])("refuses a bad %s with one sentence naming it", (name, value, message) => {
    setEnv({ ...VALID, [name]: value });
    expect(() => serverEnv()).toThrow(EnvError);
    expect(() => serverEnv()).toThrow(message);
  });

  it("requires the OIDC client when an issuer is set", () => {
    setEnv({ ...VALID, OIDC_ISSUER: "https://sso.example" });
    expect(() => serverEnv()).toThrow(/OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required when OIDC_ISSUER is set/);
    setEnv({ ...VALID, OIDC_ISSUER: "https://sso.example", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" });
    expect(serverEnv().OIDC_ISSUER).toBe("https://sso.example");
  });

  it("parses once until reset", () => {
    setEnv(VALID);
    const first = serverEnv();
    process.env.LOGIN_WINDOW_MINUTES = "99";
    expect(serverEnv()).toBe(first);
    resetEnvForTests();
    expect(serverEnv().LOGIN_WINDOW_MINUTES).toBe(99);
  });
});

describe("launcherEnv", () => {
  it("needs nothing to start the embedded services", () => {
    setEnv({});
    expect(launcherEnv()).toMatchObject({ SHOUWEN_DATA_DIR: ".data", SHOUWEN_PG_PORT: 54329, SHOUWEN_MEILI_PORT: 7701, PORT: 3000, SHOUWEN_SEED_DEMO: true });
  });

  it.each([
    ["SHOUWEN_PG_PORT", "abc"],
    ["SHOUWEN_MEILI_PORT", "70000"],
    ["PORT", "-1"],
  ])("refuses %s=%s naming the variable", (name, value) => {
    setEnv({ [name]: value });
    expect(() => launcherEnv()).toThrow(new RegExp(`^Environment variable ${name} has an invalid value`));
  });

  it("requires the Meilisearch key with an external Meilisearch", () => {
    setEnv({ MEILI_HOST: "http://127.0.0.1:7700" });
    expect(() => launcherEnv()).toThrow(/MEILI_MASTER_KEY is required when MEILI_HOST is set/);
  });

  it("keeps the public NEXTAUTH_URL for npm start to pass on (behind a reverse proxy)", () => {
    setEnv({ NEXTAUTH_URL: "https://shouwen.example.com" });
    expect(launcherEnv().NEXTAUTH_URL).toBe("https://shouwen.example.com");
    setEnv({ NEXTAUTH_URL: "shouwen.example.com" });
    expect(() => launcherEnv()).toThrow(/^Environment variable NEXTAUTH_URL has an invalid value/);
  });
});

describe("webhookPolicy", () => {
  it("defaults to the vendors' hosts without loopback, reads a list, and refuses the loopback switch in production", () => {
    setEnv({ WEBHOOK_ALLOWED_HOSTS: undefined, WEBHOOK_ALLOW_LOOPBACK: undefined, NODE_ENV: "production" });
    expect(webhookPolicy()).toEqual({ allowedHosts: ["qyapi.weixin.qq.com", "oapi.dingtalk.com", "open.feishu.cn", "open.larksuite.com"], allowLoopback: false });
    setEnv({ WEBHOOK_ALLOWED_HOSTS: " QYAPI.weixin.qq.com , bots.example.cn ", WEBHOOK_ALLOW_LOOPBACK: "true", NODE_ENV: "test" });
    expect(webhookPolicy()).toEqual({ allowedHosts: ["qyapi.weixin.qq.com", "bots.example.cn"], allowLoopback: true });
    setEnv({ WEBHOOK_ALLOWED_HOSTS: "http://evil.example/", NODE_ENV: "test" });
    expect(() => webhookPolicy()).toThrow(/WEBHOOK_ALLOWED_HOSTS has an invalid value/);
    setEnv({ ...VALID, WEBHOOK_ALLOW_LOOPBACK: "true", NODE_ENV: "production" });
    expect(() => webhookPolicy()).toThrow(/WEBHOOK_ALLOW_LOOPBACK .*production/);
    expect(() => serverEnv()).toThrow(/WEBHOOK_ALLOW_LOOPBACK .*production/);
  });
});

describe("cliLocale", () => {
  it("reads LC_ALL, then LC_MESSAGES, then LANG: en… is English, anything else zh-CN", () => {
    const cases: [Record<string, string>, "en" | "zh-CN"][] = [
      [{}, "zh-CN"],
      [{ LANG: "en_US.UTF-8" }, "en"],
      [{ LANG: "en" }, "en"],
      [{ LANG: "zh_CN.UTF-8" }, "zh-CN"],
      [{ LANG: "C.UTF-8" }, "zh-CN"],
      // "en" must be the language, not a prefix of another one.
      [{ LANG: "eng" }, "zh-CN"],
      [{ LC_MESSAGES: "en_GB.UTF-8", LANG: "zh_CN.UTF-8" }, "en"],
      [{ LC_ALL: "zh_CN.UTF-8", LC_MESSAGES: "en_GB.UTF-8", LANG: "en_US.UTF-8" }, "zh-CN"],
      // An empty variable counts as unset.
      [{ LC_ALL: "", LANG: "en_US.UTF-8" }, "en"],
    ];
    for (const [env, locale] of cases) {
      setEnv({ LC_ALL: undefined, LC_MESSAGES: undefined, LANG: undefined, ...env });
      expect(cliLocale(), JSON.stringify(env)).toBe(locale);
    }
  });
});
