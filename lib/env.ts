// The only module that reads process.env. Each group is parsed once, with a schema, so that a
// wrong value stops the program at start with a sentence naming the variable.
import path from "node:path";
import { z } from "zod";
import { DEFAULT_LOCALE, type Locale } from "./i18n/locales";
import type { WebhookPolicy } from "./notify/webhook-target";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const port = z.coerce.number().int().min(1).max(65535);
const url = z.string().url();
const timeZone = z.string().refine((v) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: v });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Asia/Shanghai");

// The group-bot hosts of 企业微信, 钉钉 and 飞书 / Lark: the default webhook allow-list.
export const VENDOR_WEBHOOK_HOSTS = ["qyapi.weixin.qq.com", "oapi.dingtalk.com", "open.feishu.cn", "open.larksuite.com"];

const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // A query with no answer for this long fails (503 + Retry-After), also when PostgreSQL stalls
  // without closing the connection; the pool waits as long for a free connection.
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  MEILI_HOST: url,
  MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 bytes"),
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-z0-9_]+$/, "use a-z, 0-9 and _").default("shouwen"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: url.optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  // Password sign-ins verified at once per process; more are refused with 429 (lib/auth/sign-in-gate.ts).
  LOGIN_MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(4),
  // Flood limits per user (429 + Retry-After): new questions per 10 minutes, complaints per hour.
  QUESTIONS_PER_10_MINUTES: z.coerce.number().int().min(1).default(20),
  COMPLAINTS_PER_HOUR: z.coerce.number().int().min(1).default(5),
  TRUST_PROXY: bool.default(false),
  OIDC_ISSUER: url.optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  // The SSO button's name as the company calls it; unset, the button says "single sign-on" in the reader's language.
  OIDC_DISPLAY_NAME: z.string().min(1).optional(),
  // Comma-separated e-mails whose first SSO sign-in makes them admin (a company that starts from SSO).
  SHOUWEN_BOOTSTRAP_ADMIN_EMAILS: z
    .string()
    .transform((v) => v.split(",").map((e) => e.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().email("must be comma-separated e-mail addresses")))
    .default([]),
  // SSO that carries the org (lib/org/apply-sso-claims.ts): the claim whose value is a department code,
  // the claim listing groups, and group=ROLE pairs; both applied at every SSO sign-in.
  OIDC_DEPARTMENT_CLAIM: z.string().regex(/^[A-Za-z0-9_.:\/-]{1,100}$/, "must be a claim name").optional(),
  OIDC_GROUPS_CLAIM: z.string().regex(/^[A-Za-z0-9_.:\/-]{1,100}$/, "must be a claim name").default("groups"),
  OIDC_GROUP_ROLES: z
    .string()
    .transform((v) => v.split(",").map((p) => p.trim()).filter(Boolean).map((p) => [p.slice(0, p.lastIndexOf("=")).trim(), p.slice(p.lastIndexOf("=") + 1).trim()] as const))
    .pipe(z.array(z.tuple([z.string().min(1, "must be group=ROLE pairs"), z.enum(["EMPLOYEE", "FIRST_CONTACT_OWNER", "POLICY_OWNER", "MANAGER", "ADMIN", "QA_REVIEWER"], { error: "must be group=ROLE pairs with ROLE one of EMPLOYEE, FIRST_CONTACT_OWNER, POLICY_OWNER, MANAGER, ADMIN, QA_REVIEWER" })])))
    .default([]),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().default("首问 Shouwen <noreply@shouwen.local>"),
  // The company's time zone (IANA name): every time a person types or reads is wall time there (lib/time/zone.ts).
  COMPANY_TIME_ZONE: timeZone.default("Asia/Shanghai"),
  // Company time at which the 每日通报 goes out on each working day (covering the previous working day).
  DIGEST_TIME: z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "must be a time of day HH:mm, e.g. 08:30")
    .default("08:30"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Reuse answers to repeated searches for up to a minute (lib/search/search-clauses.ts); false for measurements.
  SEARCH_CACHE: bool.default(true),
  // How long a search row may wait to be written with others (lib/search/search-log-buffer.ts).
  SEARCH_LOG_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  WORKER_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  NOTIFY_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(300_000),
  POTENTIAL_DEFLECTION_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  // How often the worker refreshes the dashboards' daily rollups (lib/analytics/rollup/registry.ts).
  INSIGHTS_REFRESH_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
  // Where IM group-bot webhooks may point (lib/notify/webhook-target.ts): host names over https, comma-separated.
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .transform((v) => v.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)+$/, "list host names such as qyapi.weixin.qq.com, separated by commas")).min(1))
    .default([...VENDOR_WEBHOOK_HOSTS]),
  // Development and tests only: webhooks may also go to this machine (local receivers). Refused in production.
  WEBHOOK_ALLOW_LOOPBACK: bool.default(false),
});

const launcherSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  SHOUWEN_DATA_DIR: z.string().min(1).default(".data"),
  SHOUWEN_PG_PORT: port.default(54329),
  SHOUWEN_MEILI_PORT: port.default(7701),
  PORT: port.default(3000),
  HOSTNAME: z.string().default("127.0.0.1"),
  SHOUWEN_SEED_DEMO: bool.default(true),
  SHOUWEN_DEV_SMTP_PORT: port.default(2525),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  // The role that owns the schema: migrations run as it, the portal and worker never see it.
  DATABASE_OWNER_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  MEILI_HOST: url.optional(),
  MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 bytes").optional(),
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-z0-9_]+$/, "use a-z, 0-9 and _").default("shouwen"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // The public URL behind a reverse proxy; `npm start` passes it on instead of http://HOSTNAME:PORT.
  NEXTAUTH_URL: url.optional(),
});

export type ServerEnv = z.infer<typeof serverSchema>;
export type LauncherEnv = z.infer<typeof launcherSchema>;

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

function parse<T extends z.ZodType>(schema: T, source: Record<string, string | undefined>): z.infer<T> {
  // Empty strings mean "unset" (a blank line in a .env file must not count as a value).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const value = cleaned[name];
    throw new EnvError(
      value === undefined
        ? `Environment variable ${name} is required but not set.`
        : `Environment variable ${name} has an invalid value: ${issue.message}.`,
    );
  }
  return result.data;
}

let server: ServerEnv | undefined;
let launcher: LauncherEnv | undefined;
let limits: FloodLimits | undefined;
let webhooks: WebhookPolicy | undefined;
let zone: string | undefined;

const floodLimitsSchema = serverSchema.pick({ QUESTIONS_PER_10_MINUTES: true, COMPLAINTS_PER_HOUR: true });
export type FloodLimits = z.infer<typeof floodLimitsSchema>;

/** Only the per-user flood limits: domain verbs need them in every process, also where no server env is set (scripts, tests). */
export function floodLimits(): FloodLimits {
  limits ??= parse(floodLimitsSchema, process.env);
  return limits;
}

const webhookSchema = serverSchema.pick({ NODE_ENV: true, WEBHOOK_ALLOWED_HOSTS: true, WEBHOOK_ALLOW_LOOPBACK: true });

/** Where webhooks may point: read by the preferences verb (portal) and the sender (worker), also where no server env is set (tests). */
export function webhookPolicy(): WebhookPolicy {
  if (!webhooks) {
    const env = parse(webhookSchema, process.env);
    if (env.WEBHOOK_ALLOW_LOOPBACK && env.NODE_ENV === "production") {
      throw new EnvError("Environment variable WEBHOOK_ALLOW_LOOPBACK has an invalid value: it is for development and tests only and must not be true when NODE_ENV=production.");
    }
    webhooks = { allowedHosts: env.WEBHOOK_ALLOWED_HOSTS, allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK };
  }
  return webhooks;
}

const timeZoneSchema = serverSchema.pick({ COMPANY_TIME_ZONE: true });

/** Only the company's time zone: every process that shows or computes times needs it, also without a server env. */
export function companyTimeZone(): string {
  zone ??= parse(timeZoneSchema, process.env).COMPANY_TIME_ZONE;
  return zone;
}

/**
 * The language of a command-line tool's output (npm run org:import): the first of LC_ALL, LC_MESSAGES and LANG
 * that is set, in POSIX's order; "en…" (en_US.UTF-8, en) is English, anything else (zh_CN.UTF-8, C) zh-CN.
 */
export function cliLocale(): Locale {
  const setting = [process.env.LC_ALL, process.env.LC_MESSAGES, process.env.LANG].find((v) => v) ?? "";
  return /^en([_.@-]|$)/i.test(setting) ? "en" : DEFAULT_LOCALE;
}

/** Settings of the portal and worker processes. */
export function serverEnv(): ServerEnv {
  server ??= parse(serverSchema, process.env);
  if (server.OIDC_ISSUER && !(server.OIDC_CLIENT_ID && server.OIDC_CLIENT_SECRET)) {
    throw new EnvError("Environment variable OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required when OIDC_ISSUER is set.");
  }
  if (server.WEBHOOK_ALLOW_LOOPBACK && server.NODE_ENV === "production") {
    throw new EnvError("Environment variable WEBHOOK_ALLOW_LOOPBACK has an invalid value: it is for development and tests only and must not be true when NODE_ENV=production.");
  }
  if ((server.MEILI_HOST === undefined) !== (server.MEILI_MASTER_KEY === undefined)) {
    throw new EnvError("Environment variable MEILI_MASTER_KEY is required when MEILI_HOST is set.");
  }
  return server;
}

/** Settings of the scripts that start local services (npm run dev / start, tests). */
export function launcherEnv(): LauncherEnv {
  launcher ??= parse(launcherSchema, process.env);
  if (launcher.DATABASE_OWNER_URL && !launcher.DATABASE_URL) {
    throw new EnvError("Environment variable DATABASE_URL (the portal's role) is required when DATABASE_OWNER_URL is set.");
  }
  if (launcher.MEILI_HOST && !launcher.MEILI_MASTER_KEY) {
    throw new EnvError("Environment variable MEILI_MASTER_KEY is required when MEILI_HOST is set.");
  }
  return launcher;
}

export function dataDir(): string {
  return path.resolve(launcherEnv().SHOUWEN_DATA_DIR);
}

/** The environment for a child process: this one's, plus the given values (Next's telemetry off: no network). */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // The owner's credentials stay in the launcher: the portal and worker run as the restricted role.
  const { DATABASE_OWNER_URL: _owner, ...inherited } = process.env;
  return { NEXT_TELEMETRY_DISABLED: "1", ...inherited, ...extra };
}

/** Forget parsed values (tests that change the environment). */
export function resetEnvForTests(): void {
  server = undefined;
  launcher = undefined;
  limits = undefined;
  webhooks = undefined;
  zone = undefined;
}
