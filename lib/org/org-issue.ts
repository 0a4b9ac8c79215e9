import { m, ValidationError } from "../errors";

/** One problem in an org file: where (sheet, 1-based row as the spreadsheet shows it, column header) and why. */
export interface OrgIssue {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export class OrgFileError extends ValidationError {
  constructor(readonly issues: OrgIssue[]) {
    super(
      // Keyed by where the problem is, as a person reads it: 人员 第 6 行「角色」.
      Object.fromEntries(issues.slice(0, 100).map((i) => [`${i.sheet} 第 ${i.row} 行「${i.column}」`, i.message])),
      m("errors.orgFileInvalid", { count: issues.length }),
    );
  }
}

export const describeIssue = (i: OrgIssue) => `${i.sheet} 第 ${i.row} 行「${i.column}」：${i.message}`;
