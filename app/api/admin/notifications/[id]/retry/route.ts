import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { retryDelivery } from "@/lib/notify/deliveries";

// ADMIN here and again in the verb; anyone else trying an id is recorded as notify.retry.denied.
export const POST = authedRoute<{ id: string }>({ roles: ["ADMIN"], deniedAs: "notify.retry" }, async ({ actor, params }) => retryDelivery(ctxFor(actor), { id: params.id }));
