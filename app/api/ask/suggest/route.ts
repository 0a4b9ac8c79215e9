import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { suggestClauses } from "@/lib/questions/ask-session";

export const dynamic = "force-dynamic";

/** Suggestions while the asker types (see suggestClauses). */
export const GET = authedRoute({}, ({ req, actor }) => suggestClauses(ctxFor(actor), Object.fromEntries(req.nextUrl.searchParams)));
