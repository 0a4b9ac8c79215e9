import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { recordFeedback } from "@/lib/policies/record-feedback";

export const POST = authedRoute({}, async ({ actor, body }) => {
  await recordFeedback(ctxFor(actor), body);
  return Response.json({ ok: true }, { status: 201 });
});
