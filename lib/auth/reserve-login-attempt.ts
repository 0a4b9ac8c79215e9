// The sign-in throttle's check and count as one step, before the password is verified.
// An attempt that may go ahead is written at once as a failed LoginAttempt (the verification turns
// it into a success afterwards), under advisory locks on its account and its address: parallel
// attempts on one account decide one after another, each seeing the ones before it, so N parallel
// wrong passwords verify at most the limit. (Checking first and recording after the scrypt let 28 to
// 30 of 30 parallel attempts through a limit of 10.) The rules are in lib/auth/login-policy.ts.
import type { Db, DbTx } from "../db/client";
import { serverEnv } from "../env";
import { enqueueNotification } from "../notify/enqueue-notification";
import { decideLogin, type LoginDecision, type LoginLimits } from "./login-policy";
import { recordAudit } from "../kernel/audit";

export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

// Two-key advisory locks (class, hash): a space apart from the single-key locks used elsewhere.
const LOCK_ACCOUNT = 7_316_101;
const LOCK_ADDRESS = 7_316_102;
/** An address the account signed in from within this time is "known": the account back-off skips it. */
const KNOWN_ADDRESS_MS = 90 * 86_400_000;
/** Rows read per limit: the decisions need at most this many of the latest failures. */
const BACKOFF_ROWS = 40;

export type Reservation = ({ allowed: true; attemptId: bigint } | Extract<LoginDecision, { allowed: false }>) & {
  /** Failures on the account in the window, this attempt included when it was allowed. */
  accountFailures: number;
};

export function loginLimits(): LoginLimits {
  const env = serverEnv();
  return { windowMs: env.LOGIN_WINDOW_MINUTES * 60_000, perAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT, perIp: env.LOGIN_MAX_FAILURES_PER_IP };
}

export async function reserveLoginAttempt(
  ctx: { db: Db; now: Date; limits?: LoginLimits },
  input: { email: string; ip: string },
): Promise<Reservation> {
  const limits = ctx.limits ?? loginLimits();
  const key = accountKey(input.email);
  const { ip } = input;
  const since = new Date(ctx.now.getTime() - limits.windowMs);
  return ctx.db.$transaction(
    async (tx) => {
      // The account's lock first, then the address's (one statement, the same order in every
      // transaction): two attempts never wait on each other in a cycle. The statements after it read
      // a fresh snapshot (READ COMMITTED), so they see every attempt counted by the lock's holders before.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_ACCOUNT}::int, hashtext(${key})), pg_advisory_xact_lock(${LOCK_ADDRESS}::int, hashtext(${ip}))`;
      // One round trip for everything the rules read: the lock is held meanwhile, and attempts on one
      // account queue behind it.
      const [counted] = await tx.$queryRaw<CountedRow[]>`
        SELECT
          ARRAY(SELECT "createdAt" FROM "LoginAttempt" WHERE "accountKey" = ${key} AND NOT success AND "createdAt" BETWEEN ${since} AND ${ctx.now}
                ORDER BY "createdAt" DESC LIMIT ${limits.perAccount + BACKOFF_ROWS}) AS account,
          ARRAY(SELECT "createdAt" FROM "LoginAttempt" WHERE "accountKey" = ${key} AND ip = ${ip} AND NOT success AND "createdAt" BETWEEN ${since} AND ${ctx.now}
                ORDER BY "createdAt" DESC LIMIT ${limits.perAccount}) AS pair,
          ARRAY(SELECT "createdAt" FROM "LoginAttempt" WHERE ip = ${ip} AND NOT success AND "createdAt" BETWEEN ${since} AND ${ctx.now}
                ORDER BY "createdAt" DESC LIMIT ${limits.perIp}) AS ip,
          EXISTS(SELECT 1 FROM "LoginAttempt" WHERE "accountKey" = ${key} AND ip = ${ip} AND success
                 AND "createdAt" >= ${new Date(ctx.now.getTime() - KNOWN_ADDRESS_MS)}) AS "isKnownAddress"`;
      const failures = { account: dates(counted!.account), pair: dates(counted!.pair), ip: dates(counted!.ip), isKnownAddress: counted!.isKnownAddress };
      const decision = decideLogin(failures, limits, ctx.now);

      if (!decision.allowed) {
        await recordAudit(tx, { action: "signin.throttled", target: key.slice(0, 200), ip, data: { reason: decision.reason, retryAfterSeconds: decision.retryAfterSeconds }, createdAt: ctx.now });
        if (decision.reason !== "ip") await warnOwner(tx, key, failures.account.length, limits, ctx.now);
        return { ...decision, accountFailures: failures.account.length };
      }
      const row = await tx.loginAttempt.create({ data: { accountKey: key, ip, success: false, createdAt: ctx.now }, select: { id: true } });
      if (failures.account.length + 1 >= limits.perAccount) await warnOwner(tx, key, failures.account.length + 1, limits, ctx.now);
      return { allowed: true, attemptId: row.id, accountFailures: failures.account.length + 1 };
    },
    // Prisma's 2 s default for starting a transaction is short when attempts on one account from
    // several instances queue on its lock under load.
    { maxWait: 10_000, timeout: 10_000 },
  );
}

interface CountedRow {
  account: (Date | string)[];
  pair: (Date | string)[];
  ip: (Date | string)[];
  isKnownAddress: boolean;
}

const dates = (values: (Date | string)[] | null) => (values ?? []).map((v) => (v instanceof Date ? v : new Date(v)));

/** The verification succeeded: the attempt no longer counts as a failure. */
export async function markLoginSucceeded(db: DbTx, attemptId: bigint): Promise<void> {
  await db.loginAttempt.update({ where: { id: attemptId }, data: { success: true } });
}

/**
 * Tells the account's owner (in the portal and by their channels) that someone is guessing their
 * password: once per throttle window, from the moment the account reaches its limit. Nothing for an
 * e-mail that is no account, so the throttle does not reveal which addresses exist.
 */
async function warnOwner(tx: DbTx, key: string, failures: number, limits: LoginLimits, now: Date): Promise<void> {
  const user = await tx.user.findUnique({ where: { email: key }, select: { id: true, disabledAt: true } });
  if (!user || user.disabledAt) return;
  const dedupeKey = `signin-attack:${user.id}:${Math.floor(now.getTime() / limits.windowMs)}`;
  // Under a long attack every attempt gets here: one indexed read when the owner was already told.
  if (await tx.notification.findUnique({ where: { dedupeKey }, select: { id: true } })) return;
  await enqueueNotification(tx, {
    userId: user.id,
    kind: "account.signin-attack",
    dedupeKey,
    payload: { failures, windowMinutes: Math.round(limits.windowMs / 60_000) },
    now,
  });
}
