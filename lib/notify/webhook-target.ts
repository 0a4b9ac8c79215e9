// Where a group-bot webhook may point (issue 15.3, SSRF). A webhook address is typed by any
// employee and POSTed to by the worker, so it is checked twice: when it is saved (the URL itself)
// and when it is sent (the addresses its host resolves to at that moment, because DNS can change).
// The connection then goes to the address that was checked (lib/notify/webhook.ts pins it), so a
// second resolution between check and connect cannot bend it to an internal host.
// Not `server-only`: the worker loads it (docs/decisions/0006).
import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

export interface WebhookPolicy {
  /** Host names accepted over https (the vendors' API hosts), lower case. */
  allowedHosts: readonly string[];
  /** Development and tests only: also http/https to this machine (local receivers). */
  allowLoopback: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** dns.lookup with `all: true`; tests pass their own to make a name resolve where they want. */
export type WebhookLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: WebhookLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** A webhook target that must not be contacted. The message names the reason, never the address (it holds the bot's key). */
export class WebhookTargetError extends Error {
  override name = "WebhookTargetError";
}

/** The host of a URL without IPv6 brackets ("[::1]" → "::1"). */
export function bareHost(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * The ipaddr.js range of an address ("unicast", "loopback", "private", "linkLocal", "uniqueLocal",
 * "multicast", "unspecified", "reserved", …), IPv4-mapped IPv6 judged as the IPv4 address it maps.
 * null when the text is not an IP address.
 */
export function addressRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  return ipaddr.process(address).range();
}

const RANGE_LABEL: Record<string, string> = {
  loopback: "本机（loopback）",
  private: "内网（private）",
  linkLocal: "链路本地（link-local）",
  uniqueLocal: "内网（unique-local）",
  multicast: "组播（multicast）",
  unspecified: "未指定地址（unspecified）",
  broadcast: "广播（broadcast）",
  carrierGradeNat: "运营商内网（CGNAT）",
};
const rangeLabel = (range: string) => RANGE_LABEL[range] ?? `保留地址（${range}）`;

/** Why an address may not be contacted, or null. Only public unicast, plus loopback when the policy allows it. */
export function addressProblem(address: string, policy: WebhookPolicy): string | null {
  const range = addressRange(address);
  if (range === null) return "不是 IP 地址";
  if (range === "unicast") return null;
  if (range === "loopback" && policy.allowLoopback) return null;
  return `指向${rangeLabel(range)}地址，不允许`;
}

const isLoopbackName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/**
 * Save-time check of a webhook URL, without the network: https to an allow-listed host on the
 * default port, no credentials; with the loopback switch also http(s) to this machine. IP literals in
 * every spelling (octal 0177.0.0.1, hex 0x7f.1, the integer 2130706433, IPv4-mapped [::ffff:…]) are
 * normalised by the WHATWG URL parser and then classified by ipaddr.js.
 */
export function webhookUrlProblem(raw: string, policy: WebhookPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "不是有效的网址";
  }
  if (url.username || url.password) return "网址中不能包含用户名或密码";
  if (url.protocol !== "https:" && url.protocol !== "http:") return "必须是 https:// 地址";
  const host = bareHost(url);
  const range = addressRange(host);
  if (policy.allowLoopback && (range === "loopback" || (range === null && isLoopbackName(host)))) return null;
  if (range !== null) return addressProblem(host, { ...policy, allowLoopback: false }) ?? "必须使用机器人服务商的域名，不能是 IP 地址";
  if (url.protocol !== "https:") return "必须是 https:// 地址";
  if (!policy.allowedHosts.includes(host)) return `只允许这些机器人服务商的地址：${policy.allowedHosts.join("、")}`;
  if (url.port !== "") return "不能指定端口";
  return null;
}

/**
 * Send-time check: the URL again (the policy may have changed since it was saved), then every address
 * its host resolves to now. Returns the one address to connect to; throws WebhookTargetError when the
 * target may not be contacted (any resolved address in a refused range refuses the whole name, so a
 * name that answers both a public and an internal address cannot pick the internal one later).
 */
export async function resolveWebhookTarget(raw: string, policy: WebhookPolicy, lookup: WebhookLookup = systemLookup): Promise<{ url: URL; host: string; address: ResolvedAddress }> {
  const problem = webhookUrlProblem(raw, policy);
  if (problem) throw new WebhookTargetError(`webhook 地址不允许：${problem}`);
  const url = new URL(raw);
  const host = bareHost(url);
  if (addressRange(host) !== null) {
    return { url, host, address: { address: ipaddr.process(host).toString(), family: ipaddr.process(host).kind() === "ipv6" ? 6 : 4 } };
  }
  const addresses = await lookup(host);
  if (addresses.length === 0) throw new WebhookTargetError("webhook 域名没有解析到地址");
  for (const a of addresses) {
    const refused = addressProblem(a.address, policy);
    if (refused) throw new WebhookTargetError(`webhook 域名解析后${refused}`);
  }
  return { url, host, address: addresses[0]! };
}
