import { m, renderErrorMessage, ValidationError, zhText, type ErrorMessage } from "../errors";
import { messagesFor } from "../i18n/catalogues";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

/** One problem in an org file: where (sheet, 1-based row as the spreadsheet shows it, column header) and why (a catalogue key). */
export interface OrgIssue {
  sheet: string;
  row: number;
  /** The file's own header, or for a missing column the header expected, named in the reader's language. */
  column: string | ErrorMessage;
  message: ErrorMessage;
}

/** Where the problem is, as a person reads it: 人员 第 6 行「角色」 / People row 6 “Roles”. */
const whereOf = (i: OrgIssue) => (i.column ? m("errors.org.where", { sheet: i.sheet, row: i.row, column: i.column }) : m("errors.org.whereRow", { sheet: i.sheet, row: i.row }));

export class OrgFileError extends ValidationError {
  constructor(readonly issues: OrgIssue[]) {
    const shown = issues.slice(0, 100).map((i) => [zhText(whereOf(i)), i] as const);
    super(
      // Keyed by the place in zh-CN (err.fields, logs); the transport shows each place in the reader's language.
      Object.fromEntries(shown.map(([key, i]) => [key, i.message])),
      m("errors.orgFileInvalid", { count: issues.length }),
      Object.fromEntries(shown.map(([key, i]) => [key, whereOf(i)])),
    );
  }
}

/** The issue as one line in `locale` (the CLI's output; npm run org:import follows LANG). */
export const describeIssue = (i: OrgIssue, locale: Locale = DEFAULT_LOCALE) => renderErrorMessage(m("errors.org.issue", { where: whereOf(i), why: i.message }), messagesFor(locale));
