import { authedRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = authedRoute({}, async ({ actor }) => ({
  id: actor.id,
  name: actor.name,
  email: actor.email,
  roles: actor.roles,
  departmentId: actor.departmentId,
}));
