import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { getMyNotificationPreferences, updateMyNotificationPreferences } from "@/lib/notify/preferences";

// Always the signed-in user's own preferences: the verb takes the user from the session, never the body.
export const GET = authedRoute({}, async ({ actor }) => getMyNotificationPreferences(ctxFor(actor)));

export const POST = authedRoute({}, async ({ actor, body }) => updateMyNotificationPreferences(ctxFor(actor), body));
