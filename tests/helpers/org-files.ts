// Org files for the import tests: a small company as an .xlsx workbook or CSV, each test with its own codes.
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";

export type Table = string[][];

export async function xlsxOf(sheets: Record<string, Table>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = book.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const csvOf = (rows: Table) => Buffer.from(rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",")).join("\r\n"));

/** 公司 → 中心 → 部门, four people, one 条线 with two first-contact owners; e-mails at `domain`. */
export function smallCompany(domain = "sso.example") {
  const p = randomBytes(3).toString("hex");
  const code = (c: string) => `${p}-${c}`;
  const mail = (m: string) => `${m}.${p}@${domain}`;
  const departments: Table = [
    ["部门编码", "部门名称", "上级部门编码", "负责人邮箱", "类型"],
    [code("hq"), `总公司${p}`, "", mail("ceo"), "公司"],
    [code("ops"), `运营中心${p}`, code("hq"), mail("coo"), "中心"],
    [code("hr"), `人力资源部${p}`, code("ops"), mail("hrhead"), "部门"],
  ];
  const people: Table = [
    ["邮箱", "姓名", "部门编码", "职务", "电话", "即时通讯", "角色"],
    [mail("ceo"), "周总", code("hq"), "CEO", "", "", "员工、管理者"],
    [mail("coo"), "钱总", code("ops"), "COO", "", "", "管理者"],
    [mail("hrhead"), "孙经理", code("hr"), "经理", "13800000000", "", "管理者, 首问责任人"],
    [mail("hr1"), "李专员", code("hr"), "专员", "", "wecom:li", "首问责任人"],
    [mail("staff"), "王员工", code("hr"), "", "", "", ""],
  ];
  const matrix: Table = [
    ["条线编码", "条线名称", "首问责任人邮箱", "顺序"],
    [code("line"), `人事条线${p}`, mail("hr1"), "1"],
    [code("line"), `人事条线${p}`, mail("hrhead"), "2"],
  ];
  return { p, code, mail, departments, people, matrix };
}
