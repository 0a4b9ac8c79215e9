import { ValidationError } from "../errors";

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
      Object.fromEntries(issues.slice(0, 50).map((i) => [`${i.sheet}!${i.row}:${i.column}`, i.message])),
      `文件有 ${issues.length} 处错误，未写入任何数据`,
    );
  }
}

export const describeIssue = (i: OrgIssue) => `${i.sheet} 第 ${i.row} 行「${i.column}」：${i.message}`;
