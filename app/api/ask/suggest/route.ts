import { z } from "zod";
import { db } from "@/lib/db/client";
import { authedRoute, parseInput } from "@/lib/http/route";
import { logSearch } from "@/lib/search/log-search";
import { portalSearchDeps } from "@/lib/search/portal-search";
import { searchClauses } from "@/lib/search/search-clauses";

export const dynamic = "force-dynamic";

const input = z.object({
  q: z.string().trim().min(1, "请输入问题").max(200, "建议检索最多使用前 200 个字"),
  session: z.string().uuid("提问会话无效"),
});

/** Suggestions while the asker types: the same pipeline as eval:search, logged into the ask session. */
export const GET = authedRoute({}, async ({ req, actor }) => {
  const params = parseInput(input, Object.fromEntries(req.nextUrl.searchParams));
  const session = await db().askSession.findFirst({ where: { id: params.session, userId: actor.id }, select: { id: true } });
  if (!session) return { hits: [], deflected: false, state: "none" as const, degraded: false };
  const started = performance.now();
  const result = await searchClauses(portalSearchDeps(), { q: params.q, limit: 5 });
  // Stored before answering: filing moments later must find what was shown.
  await logSearch(db(), { userId: actor.id, askSessionId: session.id, query: params.q, latencyMs: performance.now() - started, result });
  await db().askSession.update({ where: { id: session.id }, data: { lastActivityAt: new Date() } });
  return { hits: result.hits, deflected: result.deflected, state: result.state, degraded: result.degraded };
});
