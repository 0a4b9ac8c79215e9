import type { Role } from "../db/generated/enums";

export const ROLES = ["EMPLOYEE", "FIRST_CONTACT_OWNER", "POLICY_OWNER", "MANAGER", "ADMIN", "QA_REVIEWER"] as const satisfies readonly Role[];
export type { Role };

/** Who is acting: always derived from the session on the server, never from input. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  departmentId: string | null;
  sessionId: string;
}

export function hasRole(actor: Pick<Actor, "roles">, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
