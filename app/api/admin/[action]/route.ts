import { runAdminAction } from "@/lib/admin/run-admin-action";
import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";

// The role checks are in runAdminAction and in each verb (synonyms are open to policy owners too).
export const POST = authedRoute<{ action: string }>({}, ({ actor, params, body }) => runAdminAction(ctxFor(actor), params.action, body));
