// npm run org:export -- <out.xlsx | out.csv> [--sheet departments|people|matrix|roster]
// Writes the org in the format org:import reads (a workbook, or one CSV per --sheet).
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { SheetKind } from "../lib/org/columns";
import { exportOrgCsv, exportOrgXlsx } from "../lib/org/export-org";
import { openCliDb } from "./lib/cli-db";

const { values, positionals } = parseArgs({ options: { sheet: { type: "string" } }, allowPositionals: true, strict: true });
const out = positionals[0];
if (!out) {
  console.error("usage: npm run org:export -- <out.xlsx|out.csv> [--sheet departments|people|matrix|roster]");
  process.exit(1);
}
if (values.sheet && !["departments", "people", "matrix", "roster"].includes(values.sheet)) {
  console.error("--sheet must be departments, people, matrix or roster");
  process.exit(1);
}
const { db, close } = await openCliDb();
try {
  const ctx = { actor: null, db, now: new Date() };
  if (out.endsWith(".csv")) await writeFile(out, await exportOrgCsv(ctx, (values.sheet ?? "people") as SheetKind));
  else await writeFile(out, await exportOrgXlsx(ctx));
  console.log(`wrote ${out}`);
} finally {
  await close();
}
