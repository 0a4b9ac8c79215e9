import { serverEnv } from "../env";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | undefined {
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const v = h[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The client's address. Next.js appends the socket address to X-Forwarded-For, so the last hop is
 * trustworthy; earlier hops are the client's own claims and count only behind a trusted proxy.
 */
export function clientIp(h: HeaderSource): string {
  const hops = (header(h, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length === 0) return header(h, "x-real-ip") ?? "unknown";
  return serverEnv().TRUST_PROXY ? hops[0]! : hops[hops.length - 1]!;
}
