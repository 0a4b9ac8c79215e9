import "server-only";
// A policy owner (for their 条线) or an admin uploads a file: it is read at once (a file that cannot be
// read is refused with its reason and nothing is kept), stored for the preview, and published later by
// publishPolicy. Uploads older than a day are removed when the same person uploads again.
import { z } from "zod";
import { policyScopeOf } from "../analytics/shared/scope";
import { ingestFile, MAX_POLICY_FILE_BYTES, metaFromFileName } from "../content/ingest/ingest-file";
import { PolicyParseError } from "../content/parse-policy";
import { ValidationError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput, uploadFileName } from "../validation";

export const uploadInput = z.object({
  fileName: uploadFileName,
  bytes: z.instanceof(Uint8Array).refine((b) => b.length > 0, fieldKey("errors.field.fileEmpty")).refine((b) => b.length <= MAX_POLICY_FILE_BYTES, fieldKey("errors.field.fileTooLarge", { value: MAX_POLICY_FILE_BYTES / 1024 / 1024 })),
});

export interface UnitPreview {
  label: string;
  heading: string;
  chapter: string | null;
  text: string;
}

export interface UploadPreview {
  uploadId: string;
  fileName: string;
  kind: string;
  suggestedTitle: string;
  suggestedId: string;
  units: UnitPreview[];
  /** Text outside any unit (before the first one): shown flagged, not citable. */
  outside: string[];
  warnings: string[];
}

const UPLOAD_TTL_MS = 24 * 3600_000;

export async function uploadPolicyFile(ctx: Ctx, raw: { fileName: string; bytes: Uint8Array }): Promise<UploadPreview> {
  await policyScopeOf(ctx.db, ctx.actor); // policy owners and admins only
  const input = parseInput(uploadInput, raw);
  const guess = metaFromFileName(input.fileName);
  let ingested;
  try {
    ingested = await ingestFile(input.fileName, input.bytes, guess);
  } catch (err) {
    if (err instanceof PolicyParseError) throw new ValidationError({ file: err.message }, m("errors.fileUnreadable"));
    throw err;
  }
  await ctx.db.policyUpload.deleteMany({ where: { uploaderId: ctx.actor.id, createdAt: { lt: new Date(ctx.now.getTime() - UPLOAD_TTL_MS) } } });
  const upload = await ctx.db.policyUpload.create({ data: { uploaderId: ctx.actor.id, fileName: input.fileName, bytes: Buffer.from(input.bytes), createdAt: ctx.now }, select: { id: true } });
  return {
    uploadId: upload.id,
    fileName: input.fileName,
    kind: ingested.kind,
    suggestedTitle: guess.title,
    suggestedId: guess.id,
    units: ingested.parsed.sections.map((s) => ({ label: s.label, heading: s.heading, chapter: s.chapter, text: s.text })),
    outside: ingested.outside,
    warnings: ingested.warnings.filter((w) => !w.includes("no manifest row")),
  };
}
