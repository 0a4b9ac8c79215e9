import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { confirmDeflection } from "@/lib/questions/ask-session";

export const POST = authedRoute<{ id: string }>({}, async ({ actor, params, body }) => {
  await confirmDeflection(ctxFor(actor), params.id, body);
  return { ok: true };
});
