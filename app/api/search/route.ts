import { z } from "zod";
import { db } from "@/lib/db/client";
import { authedRoute, parseInput } from "@/lib/http/route";
import { logSearchInBackground } from "@/lib/search/log-search";
import { portalSearchDeps } from "@/lib/search/portal-search";
import { searchClauses } from "@/lib/search/search-clauses";

export const dynamic = "force-dynamic";

const input = z.object({
  q: z.string().trim().min(1, "请输入要搜索的内容").max(200, "搜索内容不能超过 200 个字"),
  line: z.string().trim().max(50).optional(),
  owner: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int("limit 必须是整数").min(1, "limit 最小为 1").max(50, "limit 最大为 50").default(10),
});

export const GET = authedRoute({}, async ({ req, actor }) => {
  const params = parseInput(input, Object.fromEntries(req.nextUrl.searchParams));
  const started = performance.now();
  const result = await searchClauses(portalSearchDeps(), params);
  const latencyMs = performance.now() - started;
  logSearchInBackground(db(), { userId: actor.id, query: params.q, line: params.line, owner: params.owner, latencyMs, result });
  return { query: params.q, degraded: result.degraded, deflected: result.deflected, state: result.state, latencyMs: Math.round(latencyMs * 10) / 10, hits: result.hits };
});
