import type { NotificationChannel } from "../db/generated/enums";

export type ExternalChannel = Exclude<NotificationChannel, "IN_APP">;
export type ImChannel = Exclude<ExternalChannel, "EMAIL">;

export const EXTERNAL_CHANNELS = ["EMAIL", "WECOM", "DINGTALK", "FEISHU"] as const satisfies readonly ExternalChannel[];
const IM_CHANNELS = ["WECOM", "DINGTALK", "FEISHU"] as const satisfies readonly ImChannel[];

export interface PreferenceRow {
  channel: NotificationChannel;
  enabled: boolean;
  address: string | null;
}

/**
 * Where each external channel delivers for one user, or nothing when it is off. Without a row,
 * e-mail goes to the account's address and IM channels stay off (a group-bot webhook must be given).
 */
export function resolveChannels(user: { email: string; disabledAt?: Date | null }, prefs: PreferenceRow[]): { channel: ExternalChannel; address: string }[] {
  if (user.disabledAt) return [];
  const byChannel = new Map(prefs.map((p) => [p.channel, p]));
  const out: { channel: ExternalChannel; address: string }[] = [];
  for (const channel of EXTERNAL_CHANNELS) {
    const pref = byChannel.get(channel);
    if (channel === "EMAIL") {
      if (pref && !pref.enabled) continue;
      out.push({ channel, address: pref?.address || user.email });
    } else if (pref?.enabled && pref.address) {
      out.push({ channel, address: pref.address });
    }
  }
  return out;
}
