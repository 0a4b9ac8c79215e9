// npm run seed:org -- --people 20000 [--out org-20000.xlsx] [--import]
// Makes a realistic org workbook: six levels (公司 → 中心 → 区域 → 部门 → 科室 → 小组), every unit headed by
// one of its members, eight 条线 with three first-contact owners each. With --import it migrates the
// database (DATABASE_URL, or the local one), times the preview and the apply, times a re-import (which
// must change nothing) and checks the escalation chain of a person in the deepest unit.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { migrate } from "../lib/db/migrate";
import { nextManagerAbove } from "../lib/kernel/org-chart";
import { applyOrgImport } from "../lib/org/apply-org-import";
import { previewOrgImport } from "../lib/org/preview-org-import";
import { openCliDb } from "./lib/cli-db";

const { values } = parseArgs({ options: { people: { type: "string", default: "20000" }, out: { type: "string" }, import: { type: "boolean" } }, strict: true });
const total = Number(values.people);
if (!Number.isInteger(total) || total < 100 || total > 100_000) {
  console.error("--people must be an integer from 100 to 100000");
  process.exit(1);
}
const out = values.out ?? `org-${total}.xlsx`;

// Fan-out per level: 1 company, 4 centers, 4 regions each, 5 departments each, 3 sections each, 2 groups each.
const FAN = [4, 4, 5, 3, 2];
const KINDS = ["公司", "中心", "区域", "部门", "部门", "部门"];
const NAMES = ["星河集团", "中心", "区域", "部", "科", "组"];
interface Unit { code: string; name: string; parent: string; level: number }
const units: Unit[] = [{ code: "D0", name: NAMES[0]!, parent: "", level: 0 }];
for (let level = 1; level <= FAN.length; level++) {
  for (const p of units.filter((u) => u.level === level - 1)) {
    for (let i = 1; i <= FAN[level - 1]!; i++) units.push({ code: `${p.code}-${i}`, name: `${p.name.slice(0, 20)}${i}${NAMES[level]}`, parent: p.code, level });
  }
}
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";
const people: string[][] = [];
const heads = new Map<string, string>();
for (let n = 0; n < total; n++) {
  const unit = units[n % units.length]!;
  const email = `p${String(n).padStart(6, "0")}@corp.example`;
  if (!heads.has(unit.code)) heads.set(unit.code, email);
  const isHead = heads.get(unit.code) === email;
  const roles = [isHead ? "管理者" : "", n % 97 === 0 ? "首问责任人" : ""].filter(Boolean).join("、");
  people.push([email, `${SURNAMES[n % 20]}${GIVEN[(n * 7) % 24]}${GIVEN[(n * 13) % 24]}`, unit.code, isHead ? "负责人" : "专员", `1380000${String(n).padStart(4, "0")}`, "", roles]);
}
const owners = people.filter((p) => p[6]!.includes("首问责任人")).map((p) => p[0]!);
const matrix: string[][] = [];
for (let l = 0; l < 8; l++) for (let k = 0; k < 3; k++) matrix.push([`line-${l}`, `条线${l}`, owners[(l * 3 + k) % owners.length]!, String(k + 1)]);

const book = new ExcelJS.Workbook();
const sheet = (name: string, header: string[], rows: string[][]) => {
  const ws = book.addWorksheet(name);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
};
sheet("部门", ["部门编码", "部门名称", "上级部门编码", "负责人邮箱", "类型"], units.map((u) => [u.code, u.name, u.parent, heads.get(u.code) ?? "", KINDS[u.level]!]));
sheet("人员", ["邮箱", "姓名", "部门编码", "职务", "电话", "即时通讯", "角色"], people);
sheet("责任分配表", ["条线编码", "条线名称", "首问责任人邮箱", "顺序"], matrix);
const bytes = Buffer.from(await book.xlsx.writeBuffer());
await writeFile(out, bytes);
console.log(`wrote ${out}: ${units.length} units in 6 levels, ${total} people, ${matrix.length} matrix rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);

if (values.import) {
  const { db, url, close } = await openCliDb();
  try {
    await migrate(url);
    const files = [{ name: out, bytes }];
    const ctx = { actor: null, db, now: new Date() };
    let t = performance.now();
    const preview = await previewOrgImport(ctx, { files, full: false });
    const previewMs = performance.now() - t;
    t = performance.now();
    await applyOrgImport(ctx, { files, full: false, expectedHash: preview.hash });
    const applyMs = performance.now() - t;
    t = performance.now();
    const again = await applyOrgImport({ ...ctx, now: new Date() }, { files, full: false });
    const reMs = performance.now() - t;
    console.log(`preview ${Math.round(previewMs)} ms (${preview.plan.people.added.length} people, ${preview.plan.departments.added.length} units to add)`);
    console.log(`apply ${Math.round(applyMs)} ms; re-import ${Math.round(reMs)} ms, changed ${again.plan.people.changed.length + again.plan.people.added.length + again.plan.departments.changed.length}`);
    // A person in the deepest unit (not its head): the chain climbs one head per level to the company's.
    const deepest = units.filter((u) => u.level === FAN.length)[0]!;
    const member = people.find((p) => p[2] === deepest.code && p[0] !== heads.get(deepest.code))!;
    const expected: string[] = [];
    for (let u: Unit | undefined = deepest; u; u = units.find((x) => x.code === u!.parent)) expected.push(heads.get(u.code)!);
    const chain: string[] = [];
    let at = (await db.user.findUniqueOrThrow({ where: { email: member[0]! } })).id;
    for (let next = await nextManagerAbove(db, at); next; next = await nextManagerAbove(db, at)) {
      chain.push((await db.user.findUniqueOrThrow({ where: { id: next } })).email);
      at = next;
    }
    const ok = JSON.stringify(chain) === JSON.stringify(expected);
    console.log(`escalation chain from ${member[0]} (${deepest.code}): ${chain.length} levels, ${ok ? "correct" : `WRONG: ${chain.join(" → ")}`}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await close();
  }
}
