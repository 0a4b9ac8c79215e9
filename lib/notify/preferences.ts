import "server-only";
import { webhookPolicy } from "../env";
import { ValidationError, type FieldMessages } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { resolveChannels, type ImChannel } from "./channels";
import { preferencesInput, type PreferencesInput } from "./schemas";
import { maskSecret } from "./signing";
import { resolveWebhookTarget, systemLookup, webhookUrlProblem, WebhookTargetError, type WebhookLookup, type WebhookPolicy } from "./webhook-target";
import { recordAudit } from "../kernel/audit";

const KEY: Record<ImChannel, "wecom" | "dingtalk" | "feishu"> = { WECOM: "wecom", DINGTALK: "dingtalk", FEISHU: "feishu" };

type Im = { enabled: boolean; address: string | null };
/** What the settings page shows: the secret only as a hint (`••••abcd`), never in full. */
export interface MyPreferences {
  emailAddress: string;
  email: { enabled: boolean };
  wecom: Im;
  dingtalk: Im & { secretHint: string | null };
  feishu: Im & { secretHint: string | null };
}

/** The signed-in user's own channels, with the defaults applied (e-mail on, IM off). */
export async function getMyNotificationPreferences(ctx: Ctx): Promise<MyPreferences> {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: ctx.actor.id },
    select: { email: true, notificationPrefs: { select: { channel: true, enabled: true, address: true, secret: true } } },
  });
  const on = new Set(resolveChannels(user, user.notificationPrefs).map((c) => c.channel));
  const pref = (c: ImChannel) => user.notificationPrefs.find((p) => p.channel === c);
  const address = (c: ImChannel) => pref(c)?.address ?? null;
  return {
    emailAddress: user.email,
    email: { enabled: on.has("EMAIL") },
    wecom: { enabled: on.has("WECOM"), address: address("WECOM") },
    dingtalk: { enabled: on.has("DINGTALK"), address: address("DINGTALK"), secretHint: maskSecret(pref("DINGTALK")?.secret) },
    feishu: { enabled: on.has("FEISHU"), address: address("FEISHU"), secretHint: maskSecret(pref("FEISHU")?.secret) },
  };
}

export interface WebhookCheckOptions {
  /** default: the deployment's (lib/env.ts webhookPolicy()) */
  policy?: WebhookPolicy;
  /** default: the system resolver; tests pass their own */
  lookup?: WebhookLookup;
}

// A save must not wait long on DNS; the sender resolves and checks again anyway.
const SAVE_LOOKUP_MS = 2_000;

/**
 * Each webhook address against the policy: the URL (scheme, host allow-list, IP literals in every
 * spelling) and, when its name resolves now, the addresses. A name that does not resolve at the moment
 * is accepted: the sender checks it at every delivery.
 */
async function webhookAddressProblems(input: PreferencesInput, options: WebhookCheckOptions): Promise<FieldMessages> {
  const policy = options.policy ?? webhookPolicy();
  const lookup = options.lookup ?? systemLookup;
  const fields: FieldMessages = {};
  for (const key of Object.values(KEY)) {
    const address = input[key].address;
    if (!address) continue;
    const problem = webhookUrlProblem(address, policy);
    if (problem) {
      fields[`${key}.address`] = problem;
      continue;
    }
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), SAVE_LOOKUP_MS).unref());
    try {
      await Promise.race([resolveWebhookTarget(address, policy, lookup), timeout]);
    } catch (err) {
      if (err instanceof WebhookTargetError) fields[`${key}.address`] = err.reason;
    }
  }
  return fields;
}

/** Saves the actor's own preferences; the user is always the actor, never taken from input. */
export async function updateMyNotificationPreferences(ctx: Ctx, raw: unknown, options: WebhookCheckOptions = {}) {
  const input = parseInput(preferencesInput, raw);
  const problems = await webhookAddressProblems(input, options);
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  const userId = ctx.actor.id;
  // secret: undefined keeps the stored one, null removes it, a string replaces it.
  const secretChange = (v: { secret: string | null; clearSecret: boolean }) => (v.clearSecret ? null : (v.secret ?? undefined));
  const rows: { channel: "EMAIL" | ImChannel; enabled: boolean; address: string | null; secret?: string | null }[] = [
    // The e-mail address is the account's own; only on/off is the user's choice.
    { channel: "EMAIL", enabled: input.email.enabled, address: null },
    { channel: "WECOM", ...input.wecom },
    { channel: "DINGTALK", enabled: input.dingtalk.enabled, address: input.dingtalk.address, secret: secretChange(input.dingtalk) },
    { channel: "FEISHU", enabled: input.feishu.enabled, address: input.feishu.address, secret: secretChange(input.feishu) },
  ];
  await ctx.db.$transaction(async (tx) => {
    for (const r of rows) {
      const secret = r.secret === undefined ? {} : { secret: r.secret };
      await tx.notificationPreference.upsert({
        where: { userId_channel: { userId, channel: r.channel } },
        create: { userId, channel: r.channel, enabled: r.enabled, address: r.address, ...secret },
        update: { enabled: r.enabled, address: r.address, ...secret },
      });
    }
    // Webhook URLs and signing secrets are keys: the audit row records only which channels are on and
    // whether a secret was set or removed.
    const secrets = Object.fromEntries(rows.filter((r) => r.secret !== undefined).map((r) => [`${r.channel}.secret`, r.secret === null ? "removed" : "set"]));
    await recordAudit(tx, { actorId: userId, action: "notify.preferences", target: userId, data: { ...Object.fromEntries(rows.map((r) => [r.channel, r.enabled])), ...secrets }, createdAt: ctx.now });
  });
  return getMyNotificationPreferences(ctx);
}
