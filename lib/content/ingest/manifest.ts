// manifest.csv beside the files carries what an office file does not: `file,id,title,line,owner,effective`
// (UTF-8, header row; extra columns such as `review` and `source` allowed). Every error names the row and field.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { decodeText } from "./sniff";

export const MANIFEST_FILE = "manifest.csv";

const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const optionalDate = z.union([z.literal("").transform(() => null), date]).nullish();

export const manifestRowSchema = z.object({
  file: z.string().trim().min(1, "must name a file").max(255).refine((f) => !/[\\/]|^\.\.?$/.test(f), "must be a file name in the same folder, without a path"),
  id: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,80}$/, "must be a lower-case ascii slug (a-z, 0-9, -)"),
  title: z.string().trim().min(1, "must not be empty").max(200),
  line: z.string().trim().min(1, "must not be empty").max(50),
  owner: z.string().trim().min(1, "must not be empty").max(100),
  effective: optionalDate,
  review: optionalDate,
  source: z.string().trim().max(500).nullish(),
});

export type ManifestRow = z.infer<typeof manifestRowSchema>;

export class ManifestError extends Error {
  constructor(
    readonly row: number | null,
    readonly field: string | null,
    reason: string,
  ) {
    super(`${MANIFEST_FILE}${row !== null ? ` row ${row}` : ""}${field ? ` [${field}]` : ""}: ${reason}`);
    this.name = "ManifestError";
  }
}

/** Parses a manifest. Bad rows are reported one by one; the good rows are still returned. */
export function parseManifest(bytes: Uint8Array): { rows: Map<string, ManifestRow & { row: number }>; errors: ManifestError[] } {
  let records: Record<string, string>[];
  try {
    records = parse(decodeText(bytes), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, bom: true, trim: true });
  } catch (err) {
    return { rows: new Map(), errors: [new ManifestError(null, null, `not valid CSV (${(err as Error).message})`)] };
  }
  const rows = new Map<string, ManifestRow & { row: number }>();
  const errors: ManifestError[] = [];
  const ids = new Map<string, number>();
  records.forEach((record, i) => {
    const row = i + 2; // the header is row 1
    const parsed = manifestRowSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? "");
      errors.push(new ManifestError(row, field || null, record[field] === undefined || record[field] === "" ? "is required" : issue.message));
      return;
    }
    const key = parsed.data.file.normalize("NFC");
    if (rows.has(key)) return void errors.push(new ManifestError(row, "file", `"${key}" is already listed in row ${rows.get(key)!.row}`));
    const earlier = ids.get(parsed.data.id);
    if (earlier) return void errors.push(new ManifestError(row, "id", `"${parsed.data.id}" is already used in row ${earlier}`));
    ids.set(parsed.data.id, row);
    rows.set(key, { ...parsed.data, row });
  });
  return { rows, errors };
}
