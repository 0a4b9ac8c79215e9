import "server-only";
// Who may see which insights. Every dashboard query takes one of these scopes and filters by it in SQL,
// so a policy owner sees only their 条线' documents and a manager only their department subtree.
import type { Actor } from "../../auth/roles";
import { hasRole } from "../../auth/roles";
import type { DbTx } from "../../db/client";
import { ForbiddenError, m } from "../../errors";
import { policiesOwnedByDepartment } from "../../policies/owned-policies";
import { departmentSubtree } from "../../kernel/org-chart";

/** The 条线 (and their policies) whose documents a policy owner is responsible for. `all` for admins. */
export interface PolicyScope {
  all: boolean;
  lineIds: string[];
  policyIds: string[];
}

/** The departments a manager looks after (their subtree). `all` for admins and company-wide QA. */
export interface DepartmentScope {
  all: boolean;
  departmentIds: string[];
}

/**
 * A policy owner owns the 条线 whose policy-owner department is theirs, and any policy whose owning
 * department is theirs (a policy may sit in another 条线).
 */
export async function policyScopeOf(db: DbTx, actor: Actor): Promise<PolicyScope> {
  if (hasRole(actor, "ADMIN")) return { all: true, lineIds: [], policyIds: [] };
  if (!hasRole(actor, "POLICY_OWNER")) throw new ForbiddenError(m("errors.needPolicyOwner"));
  if (!actor.departmentId) return { all: false, lineIds: [], policyIds: [] };
  return { all: false, ...(await policiesOwnedByDepartment(db, actor.departmentId)) };
}

/** Managers see their department subtree; admins everything. `allowQa`: QA reviewers work company-wide. */
export async function departmentScopeOf(db: DbTx, actor: Actor, opts: { allowQa?: boolean } = {}): Promise<DepartmentScope> {
  if (hasRole(actor, "ADMIN") || (opts.allowQa && hasRole(actor, "QA_REVIEWER"))) return { all: true, departmentIds: [] };
  if (!hasRole(actor, "MANAGER")) throw new ForbiddenError(m("errors.needManager"));
  return { all: false, departmentIds: await departmentSubtree(db, actor.id) };
}

export function inPolicyScope(scope: PolicyScope, policyId: string): boolean {
  return scope.all || scope.policyIds.includes(policyId);
}

export function inDepartmentScope(scope: DepartmentScope, departmentId: string | null): boolean {
  return scope.all || (departmentId !== null && scope.departmentIds.includes(departmentId));
}
