import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { retryDelivery } from "@/lib/notify/deliveries";

// ADMIN here and again in the verb.
export const POST = authedRoute<{ id: string }>({ roles: ["ADMIN"] }, async ({ actor, params }) => retryDelivery(ctxFor(actor), { id: params.id }));
