// The sign-in throttle's check and count as one step, before the password is verified.
// An attempt that may go ahead is written at once as a failed LoginAttempt (the verification turns
// it into a success afterwards), under advisory locks on its account and its address: parallel
// attempts on one account decide one after another, each seeing the ones before it, so N parallel
// wrong passwords verify at most the limit. (Checking first and recording after the scrypt let 28
// of 30 parallel attempts through a limit of 10.) The rules are in lib/auth/login-policy.ts.
import type { Db, DbTx } from "../db/client";
import { serverEnv } from "../env";
import { enqueueNotification } from "../notify/enqueue-notification";
import { decideLogin, type LoginDecision, type LoginLimits } from "./login-policy";

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
  return ctx.db.$transaction(async (tx) => {
    // Always the account first, then the address: two attempts never wait on each other in a cycle.
    // Each statement after the locks reads a fresh snapshot (READ COMMITTED), so it sees every
    // attempt counted by the transactions that held the locks before.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_ACCOUNT}::int, hashtext(${key}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_ADDRESS}::int, hashtext(${ip}))`;
    const failed = { success: false, createdAt: { gte: since, lte: ctx.now } };
    const latest = { orderBy: { createdAt: "desc" as const }, select: { createdAt: true } };
    const account = await tx.loginAttempt.findMany({ where: { accountKey: key, ...failed }, ...latest, take: limits.perAccount + BACKOFF_ROWS });
    const pair = await tx.loginAttempt.findMany({ where: { accountKey: key, ip, ...failed }, ...latest, take: limits.perAccount });
    const byIp = await tx.loginAttempt.findMany({ where: { ip, ...failed }, ...latest, take: limits.perIp });
    // Only asked when the back-off could apply: one more indexed read per attempt under attack.
    const isKnownAddress =
      account.length >= limits.perAccount &&
      (await tx.loginAttempt.count({
        where: { accountKey: key, ip, success: true, createdAt: { gte: new Date(ctx.now.getTime() - KNOWN_ADDRESS_MS) } },
      })) > 0;
    const times = (rows: { createdAt: Date }[]) => rows.map((r) => r.createdAt);
    const decision = decideLogin({ account: times(account), pair: times(pair), ip: times(byIp), isKnownAddress }, limits, ctx.now);

    if (!decision.allowed) {
      await tx.auditLog.create({
        data: { action: "signin.throttled", target: key.slice(0, 200), ip, data: { reason: decision.reason, retryAfterSeconds: decision.retryAfterSeconds }, createdAt: ctx.now },
      });
      if (decision.reason !== "ip") await warnOwner(tx, key, account.length, limits, ctx.now);
      return { ...decision, accountFailures: account.length };
    }
    const row = await tx.loginAttempt.create({ data: { accountKey: key, ip, success: false, createdAt: ctx.now }, select: { id: true } });
    if (account.length + 1 >= limits.perAccount) await warnOwner(tx, key, account.length + 1, limits, ctx.now);
    return { allowed: true, attemptId: row.id, accountFailures: account.length + 1 };
    // Attempts on one account queue on its lock (a few ms each); Prisma's 2 s default for getting a
    // connection is too short when several instances' attempts on one account queue together.
  }, { maxWait: 10_000, timeout: 10_000 });
}

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
  const windowIndex = Math.floor(now.getTime() / limits.windowMs);
  await enqueueNotification(tx, {
    userId: user.id,
    kind: "account.signin-attack",
    dedupeKey: `signin-attack:${user.id}:${windowIndex}`,
    payload: { failures, windowMinutes: Math.round(limits.windowMs / 60_000) },
    now,
  });
}
