import "server-only";
import { serverEnv } from "../env";
import type { DbTx } from "../db/client";

export interface LoginThrottle {
  limited: boolean;
  retryAfterSeconds: number;
  reason?: "account" | "ip";
}

export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Failed sign-ins are rows (so the limit holds across several portal instances). An account is
 * throttled after N failures in the window, an IP after M; a success does not reset the
 * per-IP count, and other accounts from other IPs are not affected.
 */
export async function loginThrottle(db: DbTx, email: string, ip: string, now = new Date()): Promise<LoginThrottle> {
  const env = serverEnv();
  const since = new Date(now.getTime() - env.LOGIN_WINDOW_MINUTES * 60_000);
  const [byAccount, byIp] = await Promise.all([
    db.loginAttempt.findMany({
      where: { accountKey: accountKey(email), success: false, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db.loginAttempt.findMany({
      where: { ip, success: false, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  const retryAfter = (rows: { createdAt: Date }[], limit: number) => {
    // The window slides: the limit lifts when the oldest counted failure leaves it.
    const oldest = rows[rows.length - limit]!.createdAt.getTime();
    return Math.max(1, Math.ceil((oldest + env.LOGIN_WINDOW_MINUTES * 60_000 - now.getTime()) / 1000));
  };
  if (byAccount.length >= env.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
    return { limited: true, reason: "account", retryAfterSeconds: retryAfter(byAccount, env.LOGIN_MAX_FAILURES_PER_ACCOUNT) };
  }
  if (byIp.length >= env.LOGIN_MAX_FAILURES_PER_IP) {
    return { limited: true, reason: "ip", retryAfterSeconds: retryAfter(byIp, env.LOGIN_MAX_FAILURES_PER_IP) };
  }
  return { limited: false, retryAfterSeconds: 0 };
}

export async function recordLoginAttempt(db: DbTx, email: string, ip: string, success: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { accountKey: accountKey(email), ip, success } });
}
