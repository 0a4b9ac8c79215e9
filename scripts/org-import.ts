// npm run org:import -- <file> [<file> …] [--full] [--apply]
// Reads an org workbook (.xlsx with sheets 部门 / 人员 / 责任分配表, Chinese or English headers) or CSV
// files (one kind each, told by their headers) and prints what would change. With --apply it writes
// everything in one transaction; with --full, people missing from the file are disabled (not deleted).
// Exit 1 when any row is wrong (every problem is printed: sheet, row, column, why; nothing is written).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { OrgPlan } from "../lib/org/diff-org";
import { applyOrgImport } from "../lib/org/apply-org-import";
import { describeIssue, OrgFileError } from "../lib/org/org-issue";
import { previewOrgImport } from "../lib/org/preview-org-import";
import { openCliDb } from "./lib/cli-db";

function printPlan(plan: OrgPlan) {
  const d = plan.departments, p = plan.people, m = plan.matrix;
  console.log(`部门 departments: ${d.added.length} added, ${d.changed.length} changed`);
  console.log(`人员 people: ${p.added.length} added, ${p.changed.length} changed, ${p.disabled.length} disabled${p.kept.length ? ` (${p.kept.join(", ")} kept: runs the import)` : ""}`);
  console.log(`责任分配表 matrix: ${m.linesAdded.length} 条线 added, ${m.added.length} owners added, ${m.removed.length} removed`);
  console.log(`值班表 roster: ${plan.roster.added.length} added, ${plan.roster.removed.length} removed`);
  for (const c of d.changed.slice(0, 20)) console.log(`  ~ ${c.code}: ${c.fields.join(", ")}`);
  for (const c of p.changed.slice(0, 20)) console.log(`  ~ ${c.email}: ${c.fields.join(", ")}`);
  for (const e of p.disabled.slice(0, 20)) console.log(`  - ${e}`);
}

let code = 0;
try {
  const { values, positionals } = parseArgs({ options: { apply: { type: "boolean" }, full: { type: "boolean" } }, allowPositionals: true, strict: true });
  if (!positionals.length) throw new Error("usage: npm run org:import -- <file.xlsx|file.csv> [more.csv] [--full] [--apply]");
  const files = await Promise.all(positionals.map(async (f) => ({ name: path.basename(f), bytes: await readFile(f) })));
  const { db, close } = await openCliDb();
  try {
    const ctx = { actor: null, db, now: new Date() };
    const started = performance.now();
    const preview = await previewOrgImport(ctx, { files, full: !!values.full });
    console.log(`preview in ${Math.round(performance.now() - started)} ms`);
    printPlan(preview.plan);
    if (values.apply) {
      const t = performance.now();
      await applyOrgImport({ ...ctx, now: new Date() }, { files, full: !!values.full, expectedHash: preview.hash });
      console.log(`applied in ${Math.round(performance.now() - t)} ms`);
    } else console.log("nothing written; add --apply to write it");
  } finally {
    await close();
  }
} catch (err) {
  if (err instanceof OrgFileError) {
    console.error(`✗ ${err.message}`);
    for (const i of err.issues) console.error(`  ${describeIssue(i)}`);
  } else console.error(`✗ ${(err as Error).message}`);
  code = 1;
}
process.exit(code);
