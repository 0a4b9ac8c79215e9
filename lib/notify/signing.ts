// 加签: the signed webhooks of 钉钉 and 飞书 custom bots, computed exactly as the vendors document them.
// - 钉钉: stringToSign = `${timestamp}\n${secret}` (timestamp in milliseconds); sign = Base64(HmacSHA256
//   with the secret as key over stringToSign); sent as `&timestamp=…&sign=<urlencoded sign>` on the URL.
// - 飞书: stringToSign = `${timestamp}\n${secret}` (timestamp in seconds); sign = Base64(HmacSHA256 with
//   stringToSign as KEY over an empty message); sent as `timestamp` and `sign` fields of the JSON body.
// 企业微信 group bots have no signing (the key in the URL is the secret). Not `server-only`: the worker signs.
import { createHmac } from "node:crypto";
import type { ImChannel } from "./channels";

/** Channels whose bots offer 加签. */
export const SIGNED_CHANNELS = ["DINGTALK", "FEISHU"] as const satisfies readonly ImChannel[];
export type SignedChannel = (typeof SIGNED_CHANNELS)[number];
const isSignedChannel = (c: string): c is SignedChannel => (SIGNED_CHANNELS as readonly string[]).includes(c);

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`, "utf8").digest("base64");
}

export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}

/** The URL and body to POST for a signed bot (unchanged without a secret or for 企业微信). */
export function signWebhook(channel: ImChannel, url: string, body: Record<string, unknown>, secret: string | null | undefined, now: Date = new Date()): { url: string; body: Record<string, unknown> } {
  if (!secret) return { url, body };
  if (channel === "DINGTALK") {
    const timestamp = now.getTime();
    let signed: URL;
    try {
      signed = new URL(url);
    } catch {
      return { url, body }; // not a URL: the target check refuses it
    }
    signed.searchParams.set("timestamp", String(timestamp));
    signed.searchParams.set("sign", dingtalkSign(secret, timestamp));
    return { url: signed.toString(), body };
  }
  if (channel === "FEISHU") {
    const timestamp = Math.floor(now.getTime() / 1000);
    return { url, body: { timestamp: String(timestamp), sign: feishuSign(secret, timestamp), ...body } };
  }
  return { url, body };
}

/** What the settings page shows of a stored secret: that there is one, and its last 4 characters at most. */
export function maskSecret(secret: string | null | undefined): string | null {
  if (!secret) return null;
  return secret.length <= 8 ? "••••" : `••••${secret.slice(-4)}`;
}
