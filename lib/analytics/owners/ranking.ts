// 优质服务标兵: the composite score and the ranking per department. Pure, so the page and the tests
// compute it the same way. Formula, threshold and order: docs/metrics.md ("Owner scorecard", 综合得分).
import type { OwnerMetrics } from "./scorecard";

export const MIN_RANKED_VOLUME = 5;

export const SCORE_WEIGHTS = { firstResponse: 20, resolution: 30, satisfaction: 20, notReopened: 15, qa: 15 } as const;
export const SCORE_PENALTIES = { upheldComplaint: 10, pingPongFlag: 5, brushOffBlock: 2 } as const;

export interface ScoreComponents {
  firstResponse: number | null;
  resolution: number | null;
  satisfaction: number | null;
  notReopened: number | null;
  qa: number | null;
  penalty: number;
}

export function scoreComponents(m: OwnerMetrics): ScoreComponents {
  return {
    firstResponse: m.firstResponse.rate,
    resolution: m.resolution.rate,
    satisfaction: m.satisfaction.n > 0 && m.satisfaction.mean !== null ? (m.satisfaction.mean - 1) / 4 : null,
    notReopened: m.reopenRate === null ? null : 1 - m.reopenRate,
    qa: m.qa.n > 0 && m.qa.mean !== null ? (m.qa.mean - 1) / 4 : null,
    penalty:
      SCORE_PENALTIES.upheldComplaint * m.upheldComplaints + SCORE_PENALTIES.pingPongFlag * m.pingPongFlags + SCORE_PENALTIES.brushOffBlock * m.brushOffBlocks,
  };
}

/** The composite score, or null when no component has data. */
export function compositeScore(m: OwnerMetrics): number | null {
  const c = scoreComponents(m);
  let sum = 0;
  let weight = 0;
  for (const key of Object.keys(SCORE_WEIGHTS) as (keyof typeof SCORE_WEIGHTS)[]) {
    const v = c[key];
    if (v === null) continue;
    sum += SCORE_WEIGHTS[key] * v;
    weight += SCORE_WEIGHTS[key];
  }
  if (weight === 0) return null;
  return Math.round(Math.max(0, (100 * sum) / weight - c.penalty) * 10) / 10;
}

export interface RankedOwner {
  rank: number;
  score: number;
  components: ScoreComponents;
  owner: OwnerMetrics;
}

export interface DepartmentRanking {
  departmentId: string | null;
  /** null: owners without a department (the page names the group) */
  departmentName: string | null;
  ranked: RankedOwner[];
  /** owners of the department below the minimum volume, not ranked */
  unranked: OwnerMetrics[];
}

export function isRankable(m: OwnerMetrics): boolean {
  return m.resolution.decided >= MIN_RANKED_VOLUME && compositeScore(m) !== null;
}

/** Rankings per department, departments by name. */
export function rankByDepartment(owners: OwnerMetrics[]): DepartmentRanking[] {
  const groups = new Map<string, DepartmentRanking>();
  for (const o of owners) {
    const key = o.departmentId ?? "";
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { departmentId: o.departmentId, departmentName: o.departmentName, ranked: [], unranked: [] }));
    if (isRankable(o)) g.ranked.push({ rank: 0, score: compositeScore(o)!, components: scoreComponents(o), owner: o });
    else g.unranked.push(o);
  }
  for (const g of groups.values()) {
    g.ranked.sort((a, b) => b.score - a.score || b.owner.resolution.decided - a.owner.resolution.decided || (a.owner.name ?? "").localeCompare(b.owner.name ?? "", "zh-CN"));
    g.ranked.forEach((r, i) => (r.rank = i + 1));
  }
  return [...groups.values()].sort((a, b) => (a.departmentName ?? "\uffff").localeCompare(b.departmentName ?? "\uffff", "zh-CN"));
}
