// Where a group-bot webhook may point (issue 15.3, SSRF). A webhook address is typed by any
// employee and POSTed to by the worker, so it is checked twice: when it is saved (the URL itself)
// and when it is sent (the addresses its host resolves to at that moment, because DNS can change).
// The connection then goes to the address that was checked (lib/notify/webhook.ts pins it), so a
// second resolution between check and connect cannot bend it to an internal host.
// Not `server-only`: the worker loads it (docs/decisions/0006).
import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { m, zhText, type ErrorKey, type ErrorMessage } from "../errors";

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

/**
 * A webhook target that must not be contacted. The message names the reason, never the address (it holds
 * the bot's key): `reason` as the settings form shows it for the address field, `msg` as a delivery records it.
 */
export class WebhookTargetError extends Error {
  override name = "WebhookTargetError";
  readonly msg: ErrorMessage;
  constructor(readonly reason: ErrorMessage) {
    const msg = m("errors.webhook.refused", { reason });
    super(zhText(msg));
    this.msg = msg;
  }
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

const RANGE_LABEL: Record<string, ErrorKey> = {
  loopback: "errors.webhook.range.loopback",
  private: "errors.webhook.range.private",
  linkLocal: "errors.webhook.range.linkLocal",
  uniqueLocal: "errors.webhook.range.uniqueLocal",
  multicast: "errors.webhook.range.multicast",
  unspecified: "errors.webhook.range.unspecified",
  broadcast: "errors.webhook.range.broadcast",
  carrierGradeNat: "errors.webhook.range.carrierGradeNat",
};
const rangeLabel = (range: string) => (Object.hasOwn(RANGE_LABEL, range) ? m(RANGE_LABEL[range]!) : m("errors.webhook.range.reserved", { range }));

/** Why an address may not be contacted, or null. Only public unicast, plus loopback when the policy allows it. */
export function addressProblem(address: string, policy: WebhookPolicy): ErrorMessage | null {
  const range = addressRange(address);
  if (range === null) return m("errors.webhook.notIp");
  if (range === "unicast") return null;
  if (range === "loopback" && policy.allowLoopback) return null;
  return m("errors.webhook.rangeRefused", { range: rangeLabel(range) });
}

const isLoopbackName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/**
 * Save-time check of a webhook URL, without the network: https to an allow-listed host on the
 * default port, no credentials; with the loopback switch also http(s) to this machine. IP literals in
 * every spelling (octal 0177.0.0.1, hex 0x7f.1, the integer 2130706433, IPv4-mapped [::ffff:…]) are
 * normalised by the WHATWG URL parser and then classified by ipaddr.js.
 */
export function webhookUrlProblem(raw: string, policy: WebhookPolicy): ErrorMessage | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return m("errors.webhook.notUrl");
  }
  if (url.username || url.password) return m("errors.webhook.credentials");
  if (url.protocol !== "https:" && url.protocol !== "http:") return m("errors.webhook.httpsOnly");
  const host = bareHost(url);
  const range = addressRange(host);
  if (policy.allowLoopback && (range === "loopback" || (range === null && isLoopbackName(host)))) return null;
  if (range !== null) return addressProblem(host, { ...policy, allowLoopback: false }) ?? m("errors.webhook.ipLiteral");
  if (url.protocol !== "https:") return m("errors.webhook.httpsOnly");
  if (!policy.allowedHosts.includes(host)) return m("errors.webhook.hostNotAllowed", { hosts: policy.allowedHosts.join(", ") });
  if (url.port !== "") return m("errors.webhook.port");
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
  if (problem) throw new WebhookTargetError(problem);
  const url = new URL(raw);
  const host = bareHost(url);
  if (addressRange(host) !== null) {
    return { url, host, address: { address: ipaddr.process(host).toString(), family: ipaddr.process(host).kind() === "ipv6" ? 6 : 4 } };
  }
  const addresses = await lookup(host);
  if (addresses.length === 0) throw new WebhookTargetError(m("errors.webhook.noAddress"));
  for (const a of addresses) {
    const refused = addressProblem(a.address, policy);
    if (refused) throw new WebhookTargetError(m("errors.webhook.resolvesTo", { reason: refused }));
  }
  return { url, host, address: addresses[0]! };
}
