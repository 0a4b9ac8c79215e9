// POST /api/notifications/read — { all: true } or { ids: [...] }: marks the caller's own in-app notifications read.
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { markInboxRead } from "@/lib/notify/inbox";

export const POST = authedRoute({}, async ({ actor, body }) => markInboxRead(ctxFor(actor), body));
