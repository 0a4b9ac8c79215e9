// npm run org:import -- <file> [<file> …] [--full] [--apply]
// Reads an org workbook (.xlsx with sheets 部门 / 人员 / 责任分配表, Chinese or English headers) or CSV
// files (one kind each, told by their headers) and prints what would change. With --apply it writes
// everything in one transaction; with --full, people missing from the file are disabled (not deleted).
// Exit 1 when any row is wrong (every problem is printed: sheet, row, column, why; nothing is written).
// Prints in English when LC_ALL / LC_MESSAGES / LANG says en…, else in Simplified Chinese.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { cliLocale } from "../lib/env";
import { DomainError } from "../lib/errors";
import { renderMessage } from "../lib/http/errors";
import { translatorFor } from "../lib/i18n/catalogues";
import { applyOrgImport } from "../lib/org/apply-org-import";
import { describeIssue, OrgFileError } from "../lib/org/org-issue";
import { planLines } from "../lib/org/plan-text";
import { previewOrgImport } from "../lib/org/preview-org-import";
import { openCliDb } from "./lib/cli-db";

// No reader's cookie here: the terminal's language (LC_ALL / LC_MESSAGES / LANG), zh-CN unless it is English.
const locale = cliLocale();
const t = translatorFor(locale);

let code = 0;
try {
  const { values, positionals } = parseArgs({ options: { apply: { type: "boolean" }, full: { type: "boolean" } }, allowPositionals: true, strict: true });
  if (!positionals.length) throw new Error(t("admin.org.cli.usage"));
  const files = await Promise.all(positionals.map(async (f) => ({ name: path.basename(f), bytes: await readFile(f) })));
  const { db, close } = await openCliDb();
  try {
    const ctx = { actor: null, db, now: new Date() };
    const started = performance.now();
    const preview = await previewOrgImport(ctx, { files, full: !!values.full });
    console.log(t("admin.org.cli.previewed", { ms: Math.round(performance.now() - started) }));
    for (const line of planLines(preview.plan, t)) console.log(line);
    if (values.apply) {
      const applying = performance.now();
      await applyOrgImport({ ...ctx, now: new Date() }, { files, full: !!values.full, expectedHash: preview.hash });
      console.log(t("admin.org.cli.applied", { ms: Math.round(performance.now() - applying) }));
    } else console.log(t("admin.org.cli.dryRun"));
  } finally {
    await close();
  }
} catch (err) {
  console.error(`✗ ${err instanceof DomainError ? renderMessage(err.msg, locale) : (err as Error).message}`);
  if (err instanceof OrgFileError) for (const i of err.issues) console.error(`  ${describeIssue(i, locale)}`);
  code = 1;
}
process.exit(code);
