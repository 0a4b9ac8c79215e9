import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { searchClausesForQuestion } from "@/lib/questions/search-clauses-for-question";

export const dynamic = "force-dynamic";

// GET /api/questions/<id>/clauses?q=…: the workspace's clause search (anyone who may view the question).
export const GET = authedRoute<{ id: string }>({}, async ({ req, actor, params }) =>
  searchClausesForQuestion(ctxFor(actor), { ...Object.fromEntries(req.nextUrl.searchParams), questionId: params.id }));
