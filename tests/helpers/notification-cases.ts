// Representative payloads for every notification kind (the contract in lib/notify/render-notification.ts):
// rendered by tests/unit/notify-templates.test.ts and by scripts/notification-examples.ts.
export const ID = "0b7c9a52-3f51-4f7e-9a0e-6f2f8f0b1c2d";
export const AT = new Date("2026-03-10T02:00:00Z"); // 10:00 company time
export const ASKER = "u-asker";
export const OWNER = "u-owner";
export const MANAGER = "u-manager";
export const question = { id: "q-1", number: 42, lineName: "差旅", body: "出差住宿超标了怎么报销？\n第二行：酒店发票 1200 元，标准 600 元。", askerId: ASKER, ownerId: OWNER };
export const FIRST = "出差住宿超标了怎么报销？";
export const NOTE = "请今天下班前联系财务张会计核对发票";

export interface Case {
  payload: Record<string, unknown>;
  to: string;
  /** facts the personal text must carry */
  facts: RegExp[];
  /** kinds about a complaint: group messages must not name the question */
  complaint?: boolean;
  /** typed free text that personal messages quote and group messages leave out */
  typed?: string;
}

const iso = (s: string) => new Date(s).toISOString();
export const CASES: Record<string, Case> = {
  "question.assigned": { to: OWNER, payload: { number: 42, line: "差旅", firstResponseDueAt: iso("2026-03-10T03:30:00Z"), dueAt: iso("2026-03-12T09:00:00Z"), reason: "least-loaded" }, facts: [/首问责任人/, /按当前待办最少/, /首次响应 03-10 11:30（还有 1 小时 30 分钟）/, /办结 03-12 17:00（还有 2 天 7 小时）/, /请你：请在首次响应时限前/] },
  "question.replied": { to: ASKER, payload: { number: 42 }, facts: [/答复了你的问题/, /请你：请查看答复/] },
  "question.resolved": { to: ASKER, payload: { number: 42, kind: "EXISTING_POLICY" }, facts: [/办结类型：已有制度/, /评价/] },
  "question.asker-replied": { to: OWNER, payload: { number: 42 }, facts: [/提问人补充了信息/, /继续处理/] },
  "question.reopened": { to: OWNER, payload: { number: 42 }, facts: [/尚未解决/, /再次答复/] },
  "question.ping-pong": { to: MANAGER, payload: { number: 42, people: 2, handCount: 3 }, facts: [/2 人之间转交 2 次/, /指定一位责任人/] },
  "deadline.warning": { to: OWNER, payload: { number: 42, threshold: 75, due: iso("2026-03-10T06:00:00Z"), level: 0 }, facts: [/时限预警 75%/, /已用去 75% 的办结时限/, /办结 03-10 14:00（还有 4 小时）/, /自动升级/] },
  "question.first-response-breach": { to: OWNER, payload: { number: 42, due: iso("2026-03-10T01:00:00Z"), lateMinutes: 60 }, facts: [/首次响应超时/, /已超时 1 小时/, /首次响应时限 03-10 09:00/, /请你：请立即答复提问人/] },
  "question.escalated": {
    to: MANAGER,
    payload: { number: 42, level: 2, toName: "中心总乙", fromLevel: 1, due: iso("2026-03-10T01:00:00Z"), newDue: iso("2026-03-10T09:00:00Z"), lateMinutes: 60, nextName: "CEO 丙", toUserId: MANAGER },
    facts: [/已升级至第 2 级（中心总乙）/, /在第 1 级的时限内未办结（已超时 1 小时）/, /原时限 03-10 09:00/, /本级办结 03-10 17:00（还有 7 小时）/, /将升级至 CEO 丙/, /指示责任人、改派他人、延长时限/],
  },
  "question.instructed": { to: OWNER, payload: { number: 42, byName: "区域总甲", note: NOTE }, facts: [/区域总甲 就问题 Q-000042 给你下达了督办指示/, /确认收到指示/], typed: NOTE },
  "question.instruction-acknowledged": { to: MANAGER, payload: { number: 42, ownerName: "首问甲" }, facts: [/首问甲 已确认收到你对问题 Q-000042 的督办指示/] },
  "question.reassigned": { to: OWNER, payload: { number: 42, fromName: "首问甲", toName: "首问乙", byName: "区域总甲", note: NOTE, firstResponseDueAt: iso("2026-03-10T04:00:00Z"), dueAt: iso("2026-03-11T09:00:00Z") }, facts: [/区域总甲 将问题 Q-000042 从 首问甲 改派给你/, /首次响应 03-10 12:00（还有 2 小时）/, /请在首次响应时限前/], typed: NOTE },
  "question.deadline-extended": { to: OWNER, payload: { number: 42, byName: "区域总甲", reason: NOTE, dueAt: iso("2026-03-13T09:00:00Z") }, facts: [/延长了问题 Q-000042 的办结时限/, /新的办结 03-13 17:00（还有 3 天 7 小时）/, /请在新的时限内办结/], typed: NOTE },
  "question.taken-over": { to: ASKER, payload: { number: 42, byName: "区域总甲" }, facts: [/区域总甲 接手了问题 Q-000042/, /无需操作/] },
  "question.urgency-changed": { to: OWNER, payload: { number: 42, urgent: true, byName: "提问人丁", reason: NOTE }, facts: [/标为紧急/, /适用紧急时限/, /请优先处理/], typed: NOTE },
  "question.owner-changed": { to: ASKER, payload: { number: 42, toName: "首问乙", why: "handoff" }, facts: [/改由 首问乙 负责（原因：转交）/] },
  "handoff.requested": { to: MANAGER, payload: { number: 42, fromName: "首问甲", toName: "首问乙", note: NOTE, respondBy: iso("2026-03-10T05:00:00Z") }, facts: [/首问甲 请你接手问题 Q-000042/, /请回应 03-10 13:00（还有 3 小时）/, /接收，或写明理由后拒绝/], typed: NOTE },
  "handoff.accepted": { to: OWNER, payload: { number: 42, fromName: "首问甲", toName: "首问乙" }, facts: [/首问乙 已接手问题 Q-000042/] },
  "handoff.declined": { to: OWNER, payload: { number: 42, fromName: "首问甲", toName: "首问乙", reason: NOTE }, facts: [/首问乙 拒绝了转交，问题仍由你负责/], typed: NOTE },
  "handoff.expired": { to: OWNER, payload: { number: 42, toName: "首问乙", respondBy: iso("2026-03-10T01:30:00Z") }, facts: [/首问乙 未在时限内回应/, /回应时限 03-10 09:30/, /另找接手人/] },
  "complaint.filed": { to: MANAGER, complaint: true, payload: { number: 42, complaintId: "c-1", reviewDueAt: iso("2026-03-11T09:00:00Z") }, facts: [/问题 Q-000042 收到投诉/, /复核 03-11 17:00（还有 1 天 7 小时）/, /维持或驳回/] },
  "complaint.statement-requested": { to: OWNER, complaint: true, payload: { number: 42, complaintId: "c-1", dueAt: iso("2026-03-10T08:00:00Z"), note: NOTE }, facts: [/就问题 Q-000042 的处理情况提交说明/, /说明 03-10 16:00（还有 6 小时）/], typed: NOTE },
  "complaint.statement-given": { to: MANAGER, complaint: true, payload: { number: 42, complaintId: "c-1" }, facts: [/已提交说明/, /作出复核决定/] },
  "complaint.decided": { to: OWNER, complaint: true, payload: { number: 42, complaintId: "c-1", outcome: "UPHELD", reason: NOTE }, facts: [/投诉复核结果：投诉成立/, /查看复核结果/], typed: NOTE },
  "complaint.review-overdue": { to: MANAGER, complaint: true, payload: { number: 42, complaintId: "c-1", dueAt: iso("2026-03-09T09:00:00Z"), lateMinutes: 1020 }, facts: [/投诉复核已超时/, /已超时 17 小时/, /复核时限 03-09 17:00/] },
  "account.signin-attack": { to: OWNER, payload: { windowMinutes: 15, failures: 12 }, facts: [/12 次密码错误/, /修改密码/] },
};

