import "server-only";
// Publishing an uploaded file as a policy version: the owner's metadata (title, 条线, owner department,
// effective and review dates) replaces what the file cannot say. With `dryRun` nothing is written and the
// answer is the preview: the units understood and, for an existing policy, what changed article by article.
// Every publish is a new version with the original file, who and when, and an audit row, in one transaction.
import { createHash } from "node:crypto";
import { z } from "zod";
import { policyScopeOf } from "../analytics/shared/scope";
import { ingestFile } from "../content/ingest/ingest-file";
import { PolicyParseError } from "../content/parse-policy";
import { writePolicyVersion } from "../content/write-policy-version";
import { ConflictError, ForbiddenError, isUniqueViolation, NotFoundError, ValidationError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { diffVersions, type VersionDiff } from "./diff-versions";
import type { UnitPreview } from "./policy-uploads";
import { recordAudit } from "../kernel/audit";

export const PUBLISH_ACTION = "policy.publish";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldKey("errors.field.dateRequired")).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), fieldKey("errors.field.dateNotValid"));
const optionalDate = z.union([z.literal("").transform(() => null), date]).nullish();

export const publishInput = z
  .object({
    uploadId: z.string().uuid(fieldKey("errors.field.uploadIdInvalid")),
    /** An existing policy to replace, or the id of a new one (lower-case ascii slug). */
    policyId: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,80}$/, fieldKey("errors.field.policyIdChars")),
    title: z.string({ error: fieldKey("errors.field.titleRequired") }).trim().min(1, fieldKey("errors.field.titleRequired")).max(200, fieldKey("errors.field.title200")),
    line: z.string({ error: fieldKey("errors.field.lineRequired") }).trim().min(1, fieldKey("errors.field.lineRequired")).max(50),
    owner: z.string({ error: fieldKey("errors.field.ownerDeptRequired") }).trim().min(1, fieldKey("errors.field.ownerDeptRequired")).max(100, fieldKey("errors.field.ownerDeptTooLong")),
    effective: optionalDate,
    review: optionalDate,
    note: z.string().trim().max(500, fieldKey("errors.field.note500")).optional(),
    /** The version the owner saw in the preview: publishing over a newer one is refused. */
    expectedVersion: z.number().int().min(0).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

export interface PublishResult {
  policyId: string;
  /** The version created, or (dry run) the one that would be. */
  version: number;
  isNew: boolean;
  units: UnitPreview[];
  outside: string[];
  diff: VersionDiff | null;
  published: boolean;
}

export async function publishPolicy(ctx: Ctx, raw: unknown): Promise<PublishResult> {
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  const input = parseInput(publishInput, raw);
  const upload = await ctx.db.policyUpload.findUnique({ where: { id: input.uploadId } });
  if (!upload || upload.uploaderId !== ctx.actor.id) throw new NotFoundError(m("errors.uploadMissing"));
  const line = await ctx.db.businessLine.findUnique({ where: { name: input.line }, select: { id: true } });
  if (!line) throw new ValidationError({ line: m("errors.unknownLine", { line: input.line }) });
  if (!scope.all && !scope.lineIds.includes(line.id)) throw new ForbiddenError(m("errors.publishOwnLineOnly"));
  const existing = await ctx.db.policy.findUnique({
    where: { id: input.policyId },
    select: { id: true, currentVersion: { select: { version: true, sections: { orderBy: { ordinal: "asc" }, select: { label: true, heading: true, text: true } } } } },
  });
  if (existing && !scope.all && !scope.policyIds.includes(existing.id)) throw new ForbiddenError(m("errors.replaceOwnLineOnly"));

  let ingested;
  try {
    ingested = await ingestFile(upload.fileName, upload.bytes, {
      id: input.policyId,
      title: input.title,
      line: input.line,
      owner: input.owner,
      effective: input.effective ?? null,
      review: input.review ?? null,
    });
  } catch (err) {
    if (err instanceof PolicyParseError) throw new ValidationError({ file: err.message }, m("errors.fileUnreadable"));
    throw err;
  }
  const units = ingested.parsed.sections.map((s) => ({ label: s.label, heading: s.heading, chapter: s.chapter, text: s.text }));
  const diff = existing?.currentVersion ? diffVersions(existing.currentVersion.sections, units) : null;
  const currentVersion = existing?.currentVersion?.version ?? 0;
  const preview = { policyId: input.policyId, isNew: !existing, units, outside: ingested.outside, diff };
  if (input.dryRun) return { ...preview, version: currentVersion + 1, published: false };
  if (input.expectedVersion !== undefined && input.expectedVersion !== currentVersion) {
    throw new ConflictError(m("errors.policyUpdatedTo", { currentVersion }));
  }

  const checksum = createHash("sha256").update(upload.bytes).update(JSON.stringify({ ...input, dryRun: undefined, note: undefined, expectedVersion: undefined })).digest("hex");
  try {
    const version = await ctx.db.$transaction(async (tx) => {
      // The upload is consumed exactly once: a second click or tab finds it gone.
      const consumed = await tx.policyUpload.deleteMany({ where: { id: upload.id, uploaderId: ctx.actor.id } });
      if (consumed.count !== 1) throw new ConflictError(m("errors.uploadAlreadyPublished"));
      // Versions of one policy are numbered under a row lock, so two publishers cannot both be "next".
      await tx.$executeRaw`SELECT 1 FROM "Policy" WHERE id = ${input.policyId} FOR UPDATE`;
      const now = await tx.policy.findUnique({ where: { id: input.policyId }, select: { currentVersion: { select: { version: true } } } });
      if ((now?.currentVersion?.version ?? 0) !== currentVersion) throw new ConflictError(m("errors.policyJustUpdatedTo", { version: String(now?.currentVersion?.version) }));
      const v = await writePolicyVersion(tx, ingested.parsed, checksum, {
        lineId: line.id,
        original: { name: upload.fileName, type: ingested.kind, bytes: upload.bytes },
        publishedById: ctx.actor.id,
        note: input.note || null,
      });
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        action: PUBLISH_ACTION,
        target: input.policyId,
        data: { version: v.version, fileName: upload.fileName, kind: ingested.kind, units: units.length, added: diff?.changes.filter((c) => c.kind === "added").length ?? units.length, changed: diff?.changes.filter((c) => c.kind === "changed").length ?? 0, removed: diff?.changes.filter((c) => c.kind === "removed").length ?? 0, note: input.note || null },
        createdAt: ctx.now,
      });
      return v.version;
    });
    return { ...preview, version, published: true };
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(m("errors.policyJustUpdated"));
    throw err;
  }
}
