import { serverEnv } from "../env";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | undefined {
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const v = h[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The client's address. scripts/serve.ts (the portal's server) replaces X-Forwarded-For with the
 * socket address, or appends it behind a trusted proxy (TRUST_PROXY=true); then the first hop is the
 * client the proxy saw. Without a trusted proxy, only the last hop (ours) counts.
 */
export function clientIp(h: HeaderSource): string {
  const hops = (header(h, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length === 0) return header(h, "x-real-ip") ?? "unknown";
  return serverEnv().TRUST_PROXY ? hops[0]! : hops[hops.length - 1]!;
}
