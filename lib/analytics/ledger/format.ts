// The ledger row, its labels, its CSV columns and its page cursor. Pure: the page, the CSV stream and
// the unit tests share one definition of every column.
import { formatCompanyTime } from "../../time/zone";
import type { AnswerExposure, OwnershipVia, Priority, QuestionStatus, ResolutionKind } from "../../db/generated/enums";
import { isolateBidi } from "../../bidi";
import { ValidationError, m } from "../../errors";
import { RESOLUTION_LABEL, STATUS_LABEL } from "../../questions/labels";
import type { CsvValue } from "../shared/csv-cell";
import { questionRef } from "../../kernel/question-ref";

export interface LedgerRow {
  id: string;
  number: number;
  createdAt: Date;
  askerName: string;
  askerDepartment: string | null;
  contactName: string;
  contactDepartment: string | null;
  contactPhone: string | null;
  contactIm: string | null;
  body: string;
  lineName: string;
  priority: Priority;
  /** "张敏 → 赵磊(转交) → 王海(升级)": QuestionOwnership in startedAt order; "" before routing */
  /** every owner in order, and how each became owner */
  ownerChain: OwnerLink[];
  status: QuestionStatus;
  resolutionKind: ResolutionKind | null;
  answerExposure: AnswerExposure | null;
  satisfaction: number | null;
  complaint: boolean;
  complaintUpheld: boolean;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  /** when the asker confirmed (CONFIRMED) or it was closed, while it is still CLOSED */
  closedAt: Date | null;
  firstResponseDueAt: Date | null;
  /** true: in time; false: missed (late, or overdue now); null: no limit, or still within it */
  firstResponseMet: boolean | null;
  resolutionDueAt: Date | null;
  resolutionMet: boolean | null;
}

export const PRIORITY_LABEL: Record<Priority, string> = { NORMAL: "普通", URGENT: "紧急" };

/** Short forms of EXPOSURE_LABEL for a table cell. */
export const EXPOSURE_SHORT: Record<AnswerExposure, string> = {
  IGNORED: "看到未打开",
  OPENED: "打开仍不清楚",
  SEARCH_MISS: "搜索未命中",
};

export interface OwnerLink {
  name: string;
  via: OwnershipVia;
}

/** The CSV's mark for how an owner came in (routed, reassigned and taken over have none); the page uses the catalogue's. */
const VIA_SUFFIX: Partial<Record<OwnershipVia, string>> = { NAMED: "(指定)", HANDOFF: "(转交)", ESCALATION: "(升级)" };

/**
 * "张敏 → 赵磊(转交) → 王海(升级)". A name with direction marks is isolated (lib/bidi.ts) so it cannot
 * reverse the chain after it.
 */
export function ownerChainText(chain: readonly OwnerLink[], suffix: Partial<Record<OwnershipVia, string>> = VIA_SUFFIX): string {
  return chain.map((link) => `${isolateBidi(link.name)}${suffix[link.via] ?? ""}`).join(" → ");
}


/** "2026-11-23 09:05" in company time (Excel reads it as a date and time); null → "". */
export function shanghaiDateTime(t: Date | null): string {
  return t ? formatCompanyTime(t) : "";
}

/** 达标: 是 / 否 / 未到期 (open and still within the limit) / "" (no limit set). */
export function metLabel(met: boolean | null, due: Date | null): string {
  if (!due) return "";
  return met === null ? "未到期" : met ? "是" : "否";
}

export function truncate(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max).join("")}…`;
}

/** CSV columns, in order. The matter is exported whole (the page truncates it). */
export const LEDGER_COLUMNS: readonly { header: string; value: (r: LedgerRow) => CsvValue }[] = [
  { header: "编号", value: (r) => questionRef(r.number) },
  { header: "提问时间", value: (r) => shanghaiDateTime(r.createdAt) },
  { header: "提问人", value: (r) => r.askerName },
  { header: "提问人部门", value: (r) => r.askerDepartment },
  { header: "联系人", value: (r) => r.contactName },
  { header: "联系人部门", value: (r) => r.contactDepartment },
  { header: "联系电话", value: (r) => r.contactPhone },
  { header: "即时通讯", value: (r) => r.contactIm },
  { header: "事项", value: (r) => r.body },
  { header: "条线", value: (r) => r.lineName },
  { header: "优先级", value: (r) => PRIORITY_LABEL[r.priority] },
  { header: "责任人链", value: (r) => ownerChainText(r.ownerChain) },
  { header: "当前状态", value: (r) => STATUS_LABEL[r.status] },
  { header: "办结类型", value: (r) => (r.resolutionKind ? RESOLUTION_LABEL[r.resolutionKind] : "") },
  { header: "答案曝光", value: (r) => (r.answerExposure ? EXPOSURE_SHORT[r.answerExposure] : "") },
  { header: "满意度", value: (r) => r.satisfaction },
  { header: "投诉", value: (r) => r.complaint },
  { header: "投诉成立", value: (r) => r.complaintUpheld },
  { header: "首次响应时间", value: (r) => shanghaiDateTime(r.firstRespondedAt) },
  { header: "办结时间", value: (r) => shanghaiDateTime(r.resolvedAt) },
  { header: "确认解决时间", value: (r) => shanghaiDateTime(r.closedAt) },
  { header: "首次响应时限", value: (r) => shanghaiDateTime(r.firstResponseDueAt) },
  { header: "首次响应达标", value: (r) => metLabel(r.firstResponseMet, r.firstResponseDueAt) },
  { header: "办结时限", value: (r) => shanghaiDateTime(r.resolutionDueAt) },
  { header: "办结达标", value: (r) => metLabel(r.resolutionMet, r.resolutionDueAt) },
];

// Keyset cursor: the last row's (createdAt, id), opaque to the URL. Any tampering is a ValidationError.
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const bad = () => new ValidationError({ cursor: m("errors.pageCursorInvalid") });
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  const [iso, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (rest.length || !id || !UUID.test(id) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) throw bad();
  return { createdAt, id };
}

/** 登记台账_2026-10-25_2026-11-23.csv, and the ASCII name for clients that cannot read filename*. */
export function ledgerFilenames(range: { from: string; to: string }): { filename: string; ascii: string } {
  return { filename: `登记台账_${range.from}_${range.to}.csv`, ascii: `ledger_${range.from}_${range.to}.csv` };
}
