import "server-only";
import type { Ctx } from "../questions/context";
import { parseInput } from "../validation";
import { resolveChannels, type ImChannel } from "./channels";
import { preferencesInput, type PreferencesInput } from "./schemas";

const KEY: Record<ImChannel, "wecom" | "dingtalk" | "feishu"> = { WECOM: "wecom", DINGTALK: "dingtalk", FEISHU: "feishu" };

/** The signed-in user's own channels, with the defaults applied (e-mail on, IM off). */
export async function getMyNotificationPreferences(ctx: Ctx): Promise<PreferencesInput & { emailAddress: string }> {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: ctx.actor.id },
    select: { email: true, notificationPrefs: { select: { channel: true, enabled: true, address: true } } },
  });
  const on = new Set(resolveChannels(user, user.notificationPrefs).map((c) => c.channel));
  const address = (c: ImChannel) => user.notificationPrefs.find((p) => p.channel === c)?.address ?? null;
  return {
    emailAddress: user.email,
    email: { enabled: on.has("EMAIL") },
    wecom: { enabled: on.has("WECOM"), address: address("WECOM") },
    dingtalk: { enabled: on.has("DINGTALK"), address: address("DINGTALK") },
    feishu: { enabled: on.has("FEISHU"), address: address("FEISHU") },
  };
}

/** Saves the actor's own preferences; the user is always the actor, never taken from input. */
export async function updateMyNotificationPreferences(ctx: Ctx, raw: unknown) {
  const input = parseInput(preferencesInput, raw);
  const userId = ctx.actor.id;
  const rows = [
    // The e-mail address is the account's own; only on/off is the user's choice.
    { channel: "EMAIL" as const, enabled: input.email.enabled, address: null },
    ...(Object.keys(KEY) as ImChannel[]).map((channel) => ({ channel, ...input[KEY[channel]] })),
  ];
  await ctx.db.$transaction(async (tx) => {
    for (const r of rows) {
      await tx.notificationPreference.upsert({
        where: { userId_channel: { userId, channel: r.channel } },
        create: { userId, channel: r.channel, enabled: r.enabled, address: r.address },
        update: { enabled: r.enabled, address: r.address },
      });
    }
    // Webhook URLs carry the bot's secret key: the audit row records only which channels are on.
    await tx.auditLog.create({
      data: { actorId: userId, action: "notify.preferences", target: userId, data: Object.fromEntries(rows.map((r) => [r.channel, r.enabled])), createdAt: ctx.now },
    });
  });
  return getMyNotificationPreferences(ctx);
}
