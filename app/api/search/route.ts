import { z } from "zod";
import { db } from "@/lib/db/client";
import { authedRoute, parseInput } from "@/lib/http/route";
import { getT } from "@/lib/i18n/t";
import type { Translate } from "@/lib/i18n/translate";
import { logSearchInBackground } from "@/lib/search/log-search";
import { portalSearchDeps } from "@/lib/search/portal-search";
import { searchClauses } from "@/lib/search/search-clauses";

export const dynamic = "force-dynamic";

// Messages in the caller's language: the schema is built per request.
const input = (t: Translate) =>
  z.object({
    q: z.string().trim().min(1, t("searchApi.qRequired")).max(200, t("searchApi.qTooLong", { max: 200 })),
    line: z.string().trim().max(50).optional(),
    owner: z.string().trim().max(100).optional(),
    limit: z.coerce.number().int(t("searchApi.limitInt")).min(1, t("searchApi.limitMin", { min: 1 })).max(50, t("searchApi.limitMax", { max: 50 })).default(10),
  });

export const GET = authedRoute({}, async ({ req, actor }) => {
  const params = parseInput(input(await getT()), Object.fromEntries(req.nextUrl.searchParams));
  const started = performance.now();
  const result = await searchClauses(portalSearchDeps(), params);
  const latencyMs = performance.now() - started;
  logSearchInBackground(db(), { userId: actor.id, query: params.q, line: params.line, owner: params.owner, latencyMs, result });
  return { query: params.q, degraded: result.degraded, deflected: result.deflected, state: result.state, latencyMs: Math.round(latencyMs * 10) / 10, hits: result.hits };
});
