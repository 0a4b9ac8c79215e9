// 每日通报: one manager's day in four lists. Pure, so the wording is unit-tested.
import { isolateBidi } from "../../bidi";
import { shanghaiShort } from "../local-day";
import type { Message, MessageSection } from "../message";
import { questionRef } from "../../kernel/question-ref";

export interface DigestData {
  /** the working day reported on (local date, YYYY-MM-DD) */
  date: string;
  /** the last day covered when the days off after `date` are included (YYYY-MM-DD); absent: `date` only */
  through?: string;
  managerName: string;
  departments: string[];
  overdue: { questionId: string; number: number; line: string; owner: string | null; dueAt: string }[];
  escalated: { questionId: string; number: number; line: string; level: number; to: string | null }[];
  /** escalations that happened in the period, open or since closed (absent in older rows) */
  escalations?: { questionId: string; number: number; level: number; to: string | null; at: string }[];
  complaints: { questionId: string; number: number; against: string | null; at: string }[];
  ignoredPolicies: { policyId: string; title: string; count: number }[];
  /** full counts when the lists above were cut to a readable length */
  totals: { overdue: number; escalated: number; complaints: number; escalations?: number };
}

export const DIGEST_LIST_LIMIT = 20;


export function isDigestEmpty(d: DigestData): boolean {
  return d.totals.overdue === 0 && d.totals.escalated === 0 && d.totals.complaints === 0 && !d.totals.escalations && d.ignoredPolicies.length === 0;
}

function more(shown: number, total: number): string[] {
  return total > shown ? [`……另有 ${total - shown} 项，请在首问中查看`] : [];
}

export function renderDigest(d: DigestData, portalUrl?: string): Message {
  const period = d.through && d.through !== d.date ? `${d.date} 至 ${d.through}` : d.date;
  const escalations = d.escalations ?? [];
  const sections: MessageSection[] = [
    { lines: [`${isolateBidi(d.managerName)}，以下是 ${d.departments.join("、") || "你管理的部门"} ${period} 的首问通报。`, "“已超时未办结”和“已升级未办结”是发送时的情况，其余是这段时间内发生的。"] },
    {
      heading: `已超时未办结（${d.totals.overdue}）`,
      lines: d.overdue.length
        ? [...d.overdue.map((q) => `${questionRef(q.number)} · ${q.line} · 首问责任人 ${q.owner ? isolateBidi(q.owner) : "待分派"} · 办结时限 ${shanghaiShort(new Date(q.dueAt))}`), ...more(d.overdue.length, d.totals.overdue)]
        : ["无"],
    },
    {
      heading: `已升级未办结（${d.totals.escalated}）`,
      lines: d.escalated.length
        ? [...d.escalated.map((q) => `${questionRef(q.number)} · ${q.line} · 第 ${q.level} 级 · 已升级至 ${q.to ? isolateBidi(q.to) : "—"}`), ...more(d.escalated.length, d.totals.escalated)]
        : ["无"],
    },
    ...(d.escalations
      ? [
          {
            heading: `当日发生的升级（${d.totals.escalations ?? escalations.length}）`,
            lines: escalations.length
              ? [...escalations.map((e) => `${questionRef(e.number)} · ${shanghaiShort(new Date(e.at))} 升级至第 ${e.level} 级 · ${e.to ? isolateBidi(e.to) : "—"}`), ...more(escalations.length, d.totals.escalations ?? escalations.length)]
              : ["无"],
          },
        ]
      : []),
    {
      heading: `当日投诉（${d.totals.complaints}）`,
      lines: d.complaints.length
        ? [...d.complaints.map((c) => `${questionRef(c.number)} · 被投诉人 ${c.against ? isolateBidi(c.against) : "—"} · ${shanghaiShort(new Date(c.at))}`), ...more(d.complaints.length, d.totals.complaints)]
        : ["无"],
    },
    {
      heading: "当日最常被忽略的制度",
      lines: d.ignoredPolicies.length
        ? d.ignoredPolicies.map((p) => `${p.title}：${p.count} 个问题的答案就在其中，提问人看到了却没有打开`)
        : ["无"],
    },
  ];
  return {
    subject: `【首问】每日通报 ${period}：超时 ${d.totals.overdue} · 升级 ${d.totals.escalations ?? d.totals.escalated} · 投诉 ${d.totals.complaints}`,
    sections,
    ...(portalUrl ? { link: `${portalUrl.replace(/\/$/, "")}/` } : {}),
  };
}
