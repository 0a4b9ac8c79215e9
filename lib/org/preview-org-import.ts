import "server-only";
import { diffOrg, planHash, type OrgPlan } from "./diff-org";
import { requireOrgAdmin, type OrgCtx } from "./org-context";
import { OrgFileError } from "./org-issue";
import { loadOrgSnapshot } from "./org-snapshot";
import { parseOrgFiles } from "./parse-org-file";
import { validateOrg } from "./validate-org";

export interface OrgImportInput {
  files: { name: string; bytes: Buffer }[];
  /** A full import: people missing from the file are disabled (never deleted). */
  full: boolean;
}

/** Reads the file(s) and tells what applying would change; writes nothing. Throws OrgFileError naming every bad cell. */
export async function previewOrgImport(ctx: OrgCtx, input: OrgImportInput): Promise<{ plan: OrgPlan; hash: string }> {
  requireOrgAdmin(ctx);
  const parsed = await parseOrgFiles(input.files);
  if (parsed.issues.length) throw new OrgFileError(parsed.issues);
  const snap = await loadOrgSnapshot(ctx.db, ctx.now);
  const { desired, issues } = validateOrg(parsed.sheets, snap, ctx.actor?.id ?? null);
  if (issues.length) throw new OrgFileError(issues);
  const plan = diffOrg(desired, snap, { full: input.full, actorId: ctx.actor?.id ?? null });
  return { plan, hash: planHash(plan) };
}
