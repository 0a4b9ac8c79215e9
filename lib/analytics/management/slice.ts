import "server-only";
// What a management dashboard request looks at: who may see which departments, the filters, and how
// departments are grouped for the "by department" split (the direct children of the scope root, so a
// manager can drill down one level at a time). Every query of the dashboard joins the same mapping
// (department → group) in SQL (./split.ts), which is also its authorization filter.
import { z } from "zod";
import { denyAccess } from "../../auth/deny-access";
import { ForbiddenError, ValidationError, m, fieldKey } from "../../errors";
import type { Ctx } from "../../kernel/context";
import { parseInput } from "../../validation";
import type { DateRange } from "../shared/range";
import { departmentScopeOf } from "../shared/scope";

/** Stands in for "no department" (users without one) in the mapping; such people are visible to admins only. */
export const NO_DEPARTMENT = "00000000-0000-0000-0000-000000000000";
/** Group / 条线 key of rows without a department or a 条线. */
export const NONE = "none";

export const managementInput = z
  .object({
    lineId: z.string().uuid(fieldKey("errors.field.lineInvalid")).nullish(),
    departmentId: z.string().uuid(fieldKey("errors.field.departmentInvalid")).nullish(),
  })
  .strict();

export interface Option {
  id: string;
  name: string;
}

export interface Slice {
  range: DateRange;
  lineId: string | null;
  /** department ids in scope (with NO_DEPARTMENT when people without one are in scope) … */
  deptIds: string[];
  /** … and the group each one is counted under (a department id, or NONE) */
  groupKeys: string[];
}

export interface SliceInfo {
  slice: Slice;
  /** the department the by-department split is below (null: several roots, or the whole company for an admin) */
  /** `whole`: no single department root; the page names it ("all of the company" / "the departments I manage"). */
  root: { id: string | null; name: string; parentId: string | null; whole?: "company" | "managed" };
  /** group key → label, in display order */
  groups: Option[];
  lines: Option[];
  /** the departments the actor may filter to, tree order, with depth for indentation */
  departmentOptions: (Option & { depth: number })[];
}

interface Dept {
  id: string;
  name: string;
  parentId: string | null;
}

function childrenIndex(depts: Dept[]): Map<string | null, Dept[]> {
  const byParent = new Map<string | null, Dept[]>();
  const ids = new Set(depts.map((d) => d.id));
  for (const d of depts) {
    const p = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), d]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  return byParent;
}

function subtreeOf(rootId: string, byParent: Map<string | null, Dept[]>): string[] {
  const out: string[] = [];
  const stack = [rootId];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    for (const c of byParent.get(id) ?? []) stack.push(c.id);
  }
  return out;
}

/**
 * Checks who may look (MANAGER: their department subtree; ADMIN: everything; anyone else: forbidden),
 * then the filters (a department outside the manager's subtree is forbidden), and builds the slice.
 */
export async function resolveSlice(ctx: Ctx, range: DateRange, raw: unknown): Promise<SliceInfo> {
  const scope = await departmentScopeOf(ctx.db, ctx.actor);
  const input = parseInput(managementInput, raw);
  const lineId = input.lineId ?? null;
  const departmentId = input.departmentId ?? null;
  if (departmentId && !scope.all && !scope.departmentIds.includes(departmentId)) throw await denyAccess(ctx, "management.view", departmentId, new ForbiddenError(m("errors.ownDepartmentsOnly")));

  const [allDepts, lines] = await Promise.all([
    ctx.db.department.findMany({ select: { id: true, name: true, parentId: true } }),
    ctx.db.businessLine.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  if (lineId && !lines.some((l) => l.id === lineId)) throw new ValidationError({ lineId: m("errors.lineNotFound") });
  const byId = new Map(allDepts.map((d) => [d.id, d]));
  if (departmentId && !byId.has(departmentId)) throw new ValidationError({ departmentId: m("errors.departmentNotFound") });

  // The departments the actor may see, as a forest (a manager's roots are the departments they manage).
  const visible = scope.all ? allDepts : allDepts.filter((d) => scope.departmentIds.includes(d.id));
  const visibleIndex = childrenIndex(visible);
  const departmentOptions: SliceInfo["departmentOptions"] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const d of visibleIndex.get(parent) ?? []) {
      departmentOptions.push({ id: d.id, name: d.name, depth });
      walk(d.id, depth + 1);
    }
  };
  walk(null, 0);

  // The roots of the split: the filtered department, else the actor's top departments.
  const roots = departmentId ? [byId.get(departmentId)!] : (visibleIndex.get(null) ?? []);
  const index = departmentId ? childrenIndex(allDepts) : visibleIndex;
  const deptIds: string[] = [];
  const groupKeys: string[] = [];
  const groups: Option[] = [];
  const put = (ids: string[], key: string) => {
    for (const id of ids) {
      deptIds.push(id);
      groupKeys.push(key);
    }
  };
  if (roots.length === 1) {
    const root = roots[0]!;
    put([root.id], root.id);
    groups.push({ id: root.id, name: `${root.name}（本部）` });
    for (const child of index.get(root.id) ?? []) {
      put(subtreeOf(child.id, index), child.id);
      groups.push({ id: child.id, name: child.name });
    }
  } else {
    for (const root of roots) {
      put(subtreeOf(root.id, index), root.id);
      groups.push({ id: root.id, name: root.name });
    }
  }
  // People without a department count for the whole company (admin, no department filter) only.
  if (scope.all && !departmentId) {
    put([NO_DEPARTMENT], NONE);
    groups.push({ id: NONE, name: "未设部门" });
  }

  const single = roots.length === 1 ? roots[0]! : null;
  return {
    slice: { range, lineId, deptIds, groupKeys },
    root: single
      ? { id: single.id, name: single.name, parentId: single.parentId && (scope.all || scope.departmentIds.includes(single.parentId)) ? single.parentId : null }
      : { id: null, name: "", parentId: null, whole: scope.all ? "company" : "managed" },
    groups,
    lines: [...lines, { id: NONE, name: "未归属条线" }],
    departmentOptions,
  };
}
