import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { listSavedReplies } from "@/lib/saved-replies/list-saved-replies";
import { createSavedReply } from "@/lib/saved-replies/save-saved-reply";

export const dynamic = "force-dynamic";

// GET ?line=<id>: mine + that line's shared ones. POST { scope, lineId?, title, body }.
export const GET = authedRoute({}, async ({ req, actor }) => ({ replies: await listSavedReplies(ctxFor(actor), Object.fromEntries(req.nextUrl.searchParams)) }));

export const POST = authedRoute({}, async ({ actor, body }) => Response.json(await createSavedReply(ctxFor(actor), body), { status: 201 }));
