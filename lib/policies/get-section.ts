import "server-only";
// One 条款 by id, as the ask preview and old links fetch it. Section ids are per version, so an old id
// keeps answering its old text; the answer says which version that is, whether it is still current, and
// which current section replaces it (same article label), so no caller can mistake superseded text.
import { z } from "zod";
import { NotFoundError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";

export const getSectionInput = z.object({ id: z.string().uuid(fieldKey("errors.field.sectionIdInvalid")) }).strict();

export interface SectionAnswer {
  id: string;
  policyId: string;
  policyTitle: string;
  label: string;
  heading: string;
  chapter: string | null;
  text: string;
  /** the policy version this text belongs to */
  version: number;
  isCurrent: boolean;
  /** the policy's current version number */
  currentVersion: number | null;
  /** the current version's section with the same label: this one when current, null when the article is gone */
  currentSectionId: string | null;
}

export async function getSection(ctx: Pick<Ctx, "db">, raw: unknown): Promise<SectionAnswer> {
  const { id } = parseInput(getSectionInput, raw);
  const s = await ctx.db.policySection.findFirst({
    where: { id, policy: { status: "ACTIVE" } },
    select: {
      id: true, label: true, heading: true, chapter: true, text: true, versionId: true,
      version: { select: { version: true } },
      policy: { select: { id: true, title: true, currentVersionId: true, currentVersion: { select: { version: true } } } },
    },
  });
  if (!s) throw new NotFoundError(m("errors.sectionNotFound"));
  const isCurrent = s.policy.currentVersionId === s.versionId;
  const replacement = isCurrent || !s.policy.currentVersionId
    ? null
    : await ctx.db.policySection.findFirst({ where: { versionId: s.policy.currentVersionId, label: s.label }, orderBy: { ordinal: "asc" }, select: { id: true } });
  return {
    id: s.id,
    policyId: s.policy.id,
    policyTitle: s.policy.title,
    label: s.label,
    heading: s.heading,
    chapter: s.chapter,
    text: s.text,
    version: s.version.version,
    isCurrent,
    currentVersion: s.policy.currentVersion?.version ?? null,
    currentSectionId: isCurrent ? s.id : (replacement?.id ?? null),
  };
}
