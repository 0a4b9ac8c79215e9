// Org chart, people and the responsibility matrix from a file: preview, apply in one transaction,
// every error names sheet/row/column and writes nothing, re-import is a no-op, missing people are disabled.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { nextManagerAbove } from "@/lib/kernel/org-chart";
import { fileQuestion } from "@/lib/questions/file-question";
import type { DbTx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, zhText } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";
import { applyOrgImport } from "@/lib/org/apply-org-import";
import { exportOrgCsv, exportOrgXlsx } from "@/lib/org/export-org";
import { OrgFileError } from "@/lib/org/org-issue";
import { previewOrgImport } from "@/lib/org/preview-org-import";
import { chooseOwner, routingCandidates } from "@/lib/questions/routing";
import { actorOf, ctxOf } from "../helpers/actors";
import { makeSearchedAskSession, makeUser } from "../helpers/factories";
import { csvOf, smallCompany, xlsxOf, type Table } from "../helpers/org-files";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

async function adminCtx() {
  const admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
  return { actor: actorOf(admin), db: t.db, now: new Date() };
}
const book = async (sheets: Record<string, Table>) => [{ name: "org.xlsx", bytes: await xlsxOf(sheets) }];

async function counts(db: DbTx) {
  const [departments, users, disabled, lines, assignments, audits, versions] = await Promise.all([
    db.department.count(), db.user.count(), db.user.count({ where: { disabledAt: { not: null } } }), db.businessLine.count(),
    db.responsibilityAssignment.count({ where: { active: true } }), db.auditLog.count({ where: { action: "org.import" } }),
    db.user.aggregate({ _sum: { sessionVersion: true } }),
  ]);
  return { departments, users, disabled, lines, assignments, audits, versions: versions._sum.sessionVersion };
}

async function expectRejected(files: { name: string; bytes: Buffer }[], where: { sheet?: string; row: number; column: string; message: RegExp }) {
  const ctx = await adminCtx();
  const before = await counts(t.db);
  const err = await applyOrgImport(ctx, { files, full: true }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OrgFileError);
  const issues = (err as OrgFileError).issues.map((i) => ({ ...i, message: zhText(i.message) }));
  expect(issues).toContainEqual(expect.objectContaining({ row: where.row, column: where.column, message: expect.stringMatching(where.message), ...(where.sheet ? { sheet: where.sheet } : {}) }));
  await expect(previewOrgImport(ctx, { files, full: true })).rejects.toBeInstanceOf(OrgFileError);
  expect(await counts(t.db)).toEqual(before);
}

describe("org import: errors name row, column and why, and nothing is written", () => {
  it("unknown parent", async () => {
    const c = smallCompany();
    c.departments[3]![2] = "no-such-dept";
    await expectRejected(await book({ 部门: c.departments, 人员: c.people }), { sheet: "部门", row: 4, column: "上级部门编码", message: /上级部门「no-such-dept」不存在/ });
  });

  it("a cycle in the chart", async () => {
    const c = smallCompany();
    c.departments[1]![2] = c.code("hr"); // hq → hr → ops → hq
    await expectRejected(await book({ 部门: c.departments, 人员: c.people }), { row: 2, column: "上级部门编码", message: /循环/ });
  });

  it("duplicate e-mail", async () => {
    const c = smallCompany();
    c.people.push([c.mail("hr1").toUpperCase(), "重复", c.code("hr"), "", "", "", ""]);
    await expectRejected(await book({ 部门: c.departments, 人员: c.people }), { sheet: "人员", row: 7, column: "邮箱", message: /重复/ });
  });

  it("a head who is not a member", async () => {
    const c = smallCompany();
    c.departments[3]![3] = c.mail("staff").replace("staff", "ceo"); // the CEO heads HR but belongs to hq
    await expectRejected(await book({ 部门: c.departments, 人员: c.people }), { row: 4, column: "负责人邮箱", message: /不是本部门成员/ });
  });

  it("an unknown role, an unknown department, a bad e-mail", async () => {
    const c = smallCompany();
    c.people[5]![6] = "员工、超级用户";
    await expectRejected(await book({ 部门: c.departments, 人员: c.people }), { row: 6, column: "角色", message: /未知角色「超级用户」/ });
    c.people[5]![6] = "";
    c.people[5]![2] = "nowhere";
    await expectRejected(await book({ 部门: c.departments, 人员: c.people }), { row: 6, column: "部门编码", message: /部门「nowhere」不存在/ });
    c.people[5]![2] = c.code("hr");
    c.people[5]![0] = "not-an-email";
    await expectRejected(await book({ 部门: c.departments, 人员: c.people }), { row: 6, column: "邮箱", message: /不是有效的邮箱/ });
  });

  it("hostile cells: NUL, bidi overrides, over-long values, formulas, unknown columns", async () => {
    const c = smallCompany();
    const people = c.people.map((r) => [...r]);
    people[5]![1] = "王\u0000员工"; // an .xlsx cannot hold NUL (XML): a CSV can
    await expectRejected([{ name: "people.csv", bytes: csvOf(people) }], { row: 6, column: "姓名", message: /控制字符/ });
    people[5]![1] = "王\u202e员工";
    await expectRejected(await book({ 部门: c.departments, 人员: people }), { row: 6, column: "姓名", message: /控制字符/ });
    people[5]![1] = "王".repeat(201);
    await expectRejected(await book({ 部门: c.departments, 人员: people }), { row: 6, column: "姓名", message: /超过 200/ });
    await expectRejected([{ name: "people.csv", bytes: csvOf([[...c.people[0]!, "密码"], ...c.people.slice(1)]) }], { row: 1, column: "密码", message: /未知的列/ });

    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("人员");
    for (const r of c.people) ws.addRow(r);
    ws.getCell("B6").value = { formula: 'HYPERLINK("http://evil.example","x")', result: "x" } as never;
    await expectRejected([{ name: "f.xlsx", bytes: Buffer.from(await wb.xlsx.writeBuffer()) }], { row: 6, column: "姓名", message: /不允许公式/ });
  });

  it("a refused preview answers an English reader in English and anyone else in Chinese", async () => {
    const c = smallCompany();
    c.people[5]![6] = "员工、超级用户";
    c.departments[3]![2] = "no-such-dept";
    const err = await previewOrgImport(await adminCtx(), { files: await book({ 部门: c.departments, 人员: c.people }), full: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrgFileError);
    const answer = async (cookie?: string) => {
      const res = errorResponse(err, new NextRequest("http://localhost/api/admin/org-import", cookie ? { headers: { cookie } } : {}), "r1");
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { message: string; fields: Record<string, string> } }).error;
    };
    expect(await answer("locale=en")).toMatchObject({
      message: "The file has 2 errors; nothing was written",
      fields: { "部门 row 4 “上级部门编码”": "Parent department “no-such-dept” does not exist", "人员 row 6 “角色”": expect.stringMatching(/^Unknown role “超级用户” \(Employee, /) },
    });
    for (const cookie of [undefined, "locale=zh-CN", "locale=fr"]) {
      expect(await answer(cookie)).toMatchObject({
        message: "文件有 2 处错误，未写入任何数据",
        fields: { "部门 第 4 行「上级部门编码」": "上级部门「no-such-dept」不存在", "人员 第 6 行「角色」": expect.stringMatching(/^未知角色「超级用户」/) },
      });
    }
  });

  it("only admins import", async () => {
    const employee = await makeUser(t.db);
    const c = smallCompany();
    await expect(previewOrgImport({ actor: actorOf(employee), db: t.db, now: new Date() }, { files: await book({ 部门: c.departments }), full: false })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("org import: preview, apply, re-import, export", () => {
  it("previews, applies in one go with an audit row, and a re-import changes nothing", async () => {
    const ctx = await adminCtx();
    const c = smallCompany();
    const files = await book({ 部门: c.departments, 人员: c.people, 责任分配表: c.matrix });
    const before = await counts(t.db);
    const preview = await previewOrgImport(ctx, { files, full: false });
    expect(preview.plan.departments.added).toHaveLength(3);
    expect(preview.plan.people.added).toHaveLength(5);
    expect(preview.plan.matrix).toMatchObject({ linesAdded: [c.code("line")], removed: [] });
    expect(await counts(t.db)).toEqual(before);

    await applyOrgImport(ctx, { files, full: false, expectedHash: preview.hash });
    const hr = await t.db.department.findUniqueOrThrow({ where: { code: c.code("hr") }, include: { parent: { include: { parent: true } }, manager: true } });
    expect(hr.manager?.email).toBe(c.mail("hrhead"));
    expect(hr.parent?.parent?.code).toBe(c.code("hq"));
    expect(hr.parent?.kind).toBe("CENTER");
    const hr1 = await t.db.user.findUniqueOrThrow({ where: { email: c.mail("hr1") } });
    expect(hr1).toMatchObject({ name: "李专员", departmentId: hr.id, im: "wecom:li", roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    expect(await t.db.auditLog.count({ where: { action: "org.import", actorId: ctx.actor.id } })).toBe(1);

    // The order column ranks the owners: with equal load the first in the file gets the question.
    const line = await t.db.businessLine.findUniqueOrThrow({ where: { code: c.code("line") } });
    expect(chooseOwner(await routingCandidates(t.db, line.id, new Date()))).toBe(hr1.id);
    // An imported employee's question goes to that owner, and escalation climbs to the department's head.
    const staff = await t.db.user.findUniqueOrThrow({ where: { email: c.mail("staff") } });
    const q = await fileQuestion(ctxOf(t.db, staff), { askSessionId: (await makeSearchedAskSession(t.db, staff.id)).id, idempotencyKey: randomUUID(), body: "入职材料交到哪里？", lineId: line.id, contactName: "王员工" });
    expect((await t.db.question.findUniqueOrThrow({ where: { id: q.id } })).ownerId).toBe(hr1.id);
    const hrhead = await t.db.user.findUniqueOrThrow({ where: { email: c.mail("hrhead") } });
    const coo = await t.db.user.findUniqueOrThrow({ where: { email: c.mail("coo") } });
    expect(await nextManagerAbove(t.db, hr1.id)).toBe(hrhead.id);
    expect(await nextManagerAbove(t.db, hrhead.id)).toBe(coo.id);

    const after = await counts(t.db);
    const again = await previewOrgImport(ctx, { files, full: false });
    expect(again.plan).toMatchObject({ departments: { added: [], changed: [] }, people: { added: [], changed: [], disabled: [] }, matrix: { linesAdded: [], added: [], removed: [] } });
    await applyOrgImport(ctx, { files, full: false });
    expect(await counts(t.db)).toEqual({ ...after, audits: after.audits + 1 });

    // The same company in English CSV files reads the same: nothing to change.
    const english = (rows: Table, header: string[]) => csvOf([header, ...rows.slice(1)]);
    const csvFiles = [
      { name: "departments.csv", bytes: english(c.departments, ["Code", "Name", "Parent", "Head E-mail", "Type"]) },
      { name: "people.csv", bytes: english(c.people.map((r) => r.map((x) => x.replace("员工、管理者", "employee, manager").replace("管理者, 首问责任人", "Manager;First-contact owner").replace("首问责任人", "first_contact_owner").replace(/^管理者$/, "MANAGER"))), ["E-mail", "Name", "Department", "Title", "Phone", "IM", "Roles"]) },
    ];
    expect((await previewOrgImport(ctx, { files: csvFiles, full: false })).plan).toMatchObject({ departments: { added: [], changed: [] }, people: { added: [], changed: [] } });
  });

  it("a changed row is shown as changed with its fields; a role change ends that person's sessions", async () => {
    const ctx = await adminCtx();
    const c = smallCompany();
    await applyOrgImport(ctx, { files: await book({ 部门: c.departments, 人员: c.people }), full: false });
    c.people[5]![6] = "首问责任人";
    c.people[5]![1] = "王新名";
    c.departments[3]![1] = "人事部";
    const files = await book({ 部门: c.departments, 人员: c.people });
    const { plan } = await previewOrgImport(ctx, { files, full: false });
    expect(plan.people.changed).toEqual([{ email: c.mail("staff"), fields: ["name", "roles"] }]);
    expect(plan.departments.changed).toEqual([{ code: c.code("hr"), fields: ["name"] }]);
    await applyOrgImport(ctx, { files, full: false });
    expect(await t.db.user.findUniqueOrThrow({ where: { email: c.mail("staff") } })).toMatchObject({ name: "王新名", sessionVersion: 1, roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
  });

  it("export gives the same format back (formula-like text neutralised, read back intact)", async () => {
    const ctx = await adminCtx();
    const c = smallCompany();
    c.people[5]![1] = '=HYPERLINK("http://evil.example","点我")';
    c.people[3]![4] = "+86 138 0000 0000";
    await applyOrgImport(ctx, { files: await book({ 部门: c.departments, 人员: c.people, 责任分配表: c.matrix }), full: false });
    const csv = await exportOrgCsv(ctx, "people");
    expect(csv).toContain(`'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(csv.split("\r\n")[0]).toBe("\uFEFF邮箱,姓名,部门编码,职务,电话,即时通讯,角色");
    const xlsx = await exportOrgXlsx(ctx);
    const back = await previewOrgImport(ctx, { files: [{ name: "export.xlsx", bytes: xlsx }], full: true });
    expect(back.plan).toMatchObject({ departments: { added: [], changed: [] }, people: { added: [], changed: [], disabled: [] }, matrix: { added: [], removed: [] } });
    const people = await previewOrgImport(ctx, { files: [{ name: "people.csv", bytes: Buffer.from(csv) }], full: false });
    expect(people.plan.people).toMatchObject({ added: [], changed: [] });
  });

  it("an export in English (headers, sheet names, kinds, roles) reads back unchanged too", async () => {
    const ctx = await adminCtx();
    const c = smallCompany();
    await applyOrgImport(ctx, { files: await book({ 部门: c.departments, 人员: c.people, 责任分配表: c.matrix }), full: false });
    const csv = await exportOrgCsv(ctx, "people", "en");
    expect(csv.split("\r\n")[0]).toBe("\uFEFFEmail,Name,Department code,Title,Phone,IM,Roles");
    expect(csv).toContain('"Employee, First-contact owner"');
    expect((await exportOrgCsv(ctx, "departments", "en")).split("\r\n")[0]).toBe("\uFEFFCode,Name,Parent code,Head email,Kind");
    const xlsx = await exportOrgXlsx(ctx, "en");
    const back = await previewOrgImport(ctx, { files: [{ name: "export.xlsx", bytes: xlsx }], full: true });
    expect(back.plan).toMatchObject({ departments: { added: [], changed: [] }, people: { added: [], changed: [], disabled: [] }, matrix: { added: [], removed: [] } });
    for (const sheet of ["departments", "people", "matrix"] as const) {
      const one = await previewOrgImport(ctx, { files: [{ name: `${sheet}.csv`, bytes: Buffer.from(await exportOrgCsv(ctx, sheet, "en")) }], full: false });
      expect(one.plan).toMatchObject({ departments: { added: [], changed: [] }, people: { added: [], changed: [] }, matrix: { added: [], removed: [] } });
    }
  });

  it("two applies of one preview at once: one writes, the other is refused and writes nothing", async () => {
    const ctx = await adminCtx();
    const c = smallCompany();
    const files = await book({ 部门: c.departments, 人员: c.people, 责任分配表: c.matrix });
    const { hash } = await previewOrgImport(ctx, { files, full: false });
    const results = await Promise.allSettled([1, 2, 3].map(() => applyOrgImport(ctx, { files, full: false, expectedHash: hash })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await t.db.user.count({ where: { email: { endsWith: `.${c.p}@sso.example` } } })).toBe(5);
    expect(await t.db.auditLog.count({ where: { action: "org.import", actorId: ctx.actor.id } })).toBe(1);
  });

  it("the matrix import replaces a 条线's owners; an owner without the role is refused", async () => {
    const ctx = await adminCtx();
    const c = smallCompany();
    await applyOrgImport(ctx, { files: await book({ 部门: c.departments, 人员: c.people, 责任分配表: c.matrix }), full: false });
    const only = [c.matrix[0]!, [c.code("line"), "", c.mail("hrhead"), "1"]];
    const { plan } = await applyOrgImport(ctx, { files: [{ name: "matrix.csv", bytes: csvOf(only) }], full: false });
    expect(plan.matrix).toMatchObject({ added: [], removed: [{ line: c.code("line"), owner: c.mail("hr1") }] });
    const line = await t.db.businessLine.findUniqueOrThrow({ where: { code: c.code("line") }, include: { assignments: { where: { active: true }, include: { user: true } } } });
    expect(line.assignments.map((a) => a.user.email)).toEqual([c.mail("hrhead")]);
    await expectRejected([{ name: "matrix.csv", bytes: csvOf([c.matrix[0]!, [c.code("line"), "", c.mail("staff"), "1"]]) }], { row: 2, column: "首问责任人邮箱", message: /没有首问责任人角色/ });
    await expectRejected([{ name: "matrix.csv", bytes: csvOf([c.matrix[0]!, ["no-line", "", c.mail("hr1"), "1"]]) }], { row: 2, column: "条线编码", message: /条线「no-line」不存在/ });
  });

  it("a full import disables people missing from the file (never deletes them) and never the importing admin", async () => {
    const ctx = await adminCtx();
    const c = smallCompany();
    await applyOrgImport(ctx, { files: await book({ 部门: c.departments, 人员: c.people }), full: false });
    const leaver = await t.db.user.findUniqueOrThrow({ where: { email: c.mail("staff") } });
    const people = c.people.filter((r) => r[0] !== c.mail("staff"));
    const files = await book({ 部门: c.departments, 人员: people });
    const usersBefore = await t.db.user.count();
    const { plan } = await previewOrgImport(ctx, { files, full: true });
    expect(plan.people.disabled).toContain(c.mail("staff"));
    expect(plan.people.kept).toEqual([ctx.actor.email]);
    await applyOrgImport(ctx, { files, full: true });
    expect(await t.db.user.count()).toBe(usersBefore);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: leaver.id } });
    expect(row.disabledAt).not.toBeNull();
    expect(row.sessionVersion).toBe(leaver.sessionVersion + 1);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: ctx.actor.id } })).disabledAt).toBeNull();
    // Back in the file: enabled again.
    const { plan: back } = await applyOrgImport(ctx, { files: await book({ 部门: c.departments, 人员: c.people }), full: true });
    expect(back.people.changed).toEqual([{ email: c.mail("staff"), fields: ["enabled"] }]);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: leaver.id } })).disabledAt).toBeNull();
  });

  it("the on-duty roster: imported in Beijing time, re-import changes nothing, a 条线's future entries follow the file", async () => {
    const ctx = await adminCtx();
    const c = smallCompany();
    await applyOrgImport(ctx, { files: await book({ 部门: c.departments, 人员: c.people, 责任分配表: c.matrix }), full: false });
    const header = ["条线编码", "值班人邮箱", "开始时间", "结束时间"];
    const roster: Table = [header, [c.code("line"), c.mail("hr1"), "2099-12-08 09:00", "2099-12-08 18:00"], [c.code("line"), c.mail("hrhead"), "2099/12/09", "2099/12/09"]];
    const files = [{ name: "roster.csv", bytes: csvOf(roster) }];
    const { plan } = await applyOrgImport(ctx, { files, full: false });
    expect(plan.roster.added).toHaveLength(2);
    const line = await t.db.businessLine.findUniqueOrThrow({ where: { code: c.code("line") } });
    const rows = await t.db.dutyRoster.findMany({ where: { lineId: line.id }, orderBy: { startsAt: "asc" } });
    expect(rows.map((r) => [r.startsAt.toISOString(), r.endsAt.toISOString()])).toEqual([
      ["2099-12-08T01:00:00.000Z", "2099-12-08T10:00:00.000Z"],
      ["2099-12-08T16:00:00.000Z", "2099-12-09T16:00:00.000Z"],
    ]);
    expect((await previewOrgImport(ctx, { files, full: false })).plan.roster).toEqual({ added: [], removed: [] });
    // The exported roster reads back unchanged.
    const exported = await exportOrgCsv(ctx, "roster");
    expect((await previewOrgImport(ctx, { files: [{ name: "r.csv", bytes: Buffer.from(exported) }], full: false })).plan.roster).toEqual({ added: [], removed: [] });

    const { plan: replaced } = await applyOrgImport(ctx, { files: [{ name: "roster.csv", bytes: csvOf([header, roster[1]!]) }], full: false });
    expect(replaced.roster.removed).toEqual([{ line: c.code("line"), person: c.mail("hrhead"), startsAt: "2099-12-08T16:00:00.000Z", endsAt: "2099-12-09T16:00:00.000Z" }]);
    expect(await t.db.dutyRoster.count({ where: { lineId: line.id } })).toBe(1);

    await expectRejected([{ name: "roster.csv", bytes: csvOf([header, [c.code("line"), c.mail("hr1"), "2099-02-30", "2099-03-01"]]) }], { row: 2, column: "开始时间", message: /时间格式/ });
    await expectRejected([{ name: "roster.csv", bytes: csvOf([header, [c.code("line"), c.mail("hr1"), "2099-03-02 10:00", "2099-03-02 09:00"]]) }], { row: 2, column: "结束时间", message: /晚于开始/ });
    await expectRejected([{ name: "roster.csv", bytes: csvOf([header, [c.code("line"), c.mail("staff"), "2099-03-02", "2099-03-02"]]) }], { row: 2, column: "值班人邮箱", message: /没有首问责任人角色/ });
  });
});
