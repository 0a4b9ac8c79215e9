import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { startAskSession } from "@/lib/questions/ask-session";

export const POST = authedRoute({}, async ({ actor }) => startAskSession(ctxFor(actor)));
