import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { fileQuestion } from "@/lib/questions/file-question";

export const POST = authedRoute({}, async ({ actor, body }) => {
  const filed = await fileQuestion(ctxFor(actor), body);
  return Response.json(filed, { status: filed.created ? 201 : 200 });
});
