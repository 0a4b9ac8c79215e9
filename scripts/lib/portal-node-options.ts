// Node options for the portal process, set wherever it is started (npm start / dev, the benchmarks and
// drills, the browser tests), so every measurement runs the portal as production does.
// 64 MB semi-spaces: a portal allocates a lot of short-lived objects per request (Next's request and
// response objects, JSON, search results); a larger young generation is scavenged far less often.
// Measured with scripts/lab/profile-load.ts (one run each, every search new): /api/search 823 → 991
// req/s and the constant floor 1976 → 2143, for at most 128 MB more memory per portal.
export const PORTAL_NODE_OPTIONS = "--max-semi-space-size=64";

/** The environment's NODE_OPTIONS with the portal's options added (an operator's own come first). */
export function withPortalNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const existing = env.NODE_OPTIONS?.trim();
  if (existing?.includes("--max-semi-space-size")) return env;
  return { ...env, NODE_OPTIONS: existing ? `${existing} ${PORTAL_NODE_OPTIONS}` : PORTAL_NODE_OPTIONS };
}
