import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { deleteSavedReply, updateSavedReply } from "@/lib/saved-replies/save-saved-reply";

// PATCH { title?, body? } / DELETE: the verbs decide who may (the owner; a line's keepers). The path id wins.
export const PATCH = authedRoute<{ id: string }>({}, async ({ actor, params, body }) =>
  updateSavedReply(ctxFor(actor), { ...(body && typeof body === "object" ? body : {}), id: params.id }));

export const DELETE = authedRoute<{ id: string }>({}, async ({ actor, params }) => deleteSavedReply(ctxFor(actor), { id: params.id }));
