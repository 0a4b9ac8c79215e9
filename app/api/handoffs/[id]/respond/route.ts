import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { respondToHandoff } from "@/lib/questions/handoff";

export const POST = authedRoute<{ id: string }>({}, async ({ actor, params, body }) => respondToHandoff(ctxFor(actor), { ...(body && typeof body === "object" ? body : {}), handoffId: params.id }));
