// The Chinese wording of the notification templates (the company default and the group chats'
// language): one template per kind, its English twin in render-notification-en.ts. What a template may
// carry per audience is described in render-notification.ts and docs/decisions/0006.
import { shanghaiShort } from "./local-day";
import { deadline, escalationFacts, late, present, typed, type Template } from "./template-parts";

const RESOLUTION: Record<string, string> = { EXISTING_POLICY: "已有制度", POLICY_UNCLEAR: "制度不清", NO_POLICY: "无制度" };
const ASSIGN_REASON: Record<string, string> = {
  matrix: "按条线责任矩阵",
  roster: "按值班表",
  "least-loaded": "按当前待办最少",
  named: "提问人指定",
  handoff: "转交接收",
  reassigned: "上级改派",
  "taken-over": "上级接手",
};
const OWNER_CHANGE: Record<string, string> = { handoff: "转交", reassigned: "上级改派", "taken-over": "上级接手" };

const levelName = (level: number | null) => (level === null ? "上一级" : level === 0 ? "首问责任人" : `第 ${level} 级`);

export const TEMPLATES_ZH: Record<string, Template> = {
  "question.assigned": (c) => {
    const reason = c.f.str("reason");
    const line = c.f.str("line");
    return {
      subject: `新问题待处理：${c.q}${line ? `（${line}）` : ""}`,
      lines: [`你是这个问题的首问责任人${reason ? `（分派依据：${ASSIGN_REASON[reason] ?? reason}）` : ""}。`],
      // Older producers wrote { number, line } only: the question's own deadlines stand in.
      time: [
        deadline(c, "首次响应", c.f.date("firstResponseDueAt") ?? c.question?.firstResponseDueAt ?? null),
        deadline(c, "办结", c.f.date("dueAt") ?? c.question?.resolutionDueAt ?? null),
      ],
      action: "请在首次响应时限前答复提问人或索要材料，超时将自动升级。",
    };
  },
  "question.replied": (c) => ({
    subject: `你的问题 ${c.q} 有了新答复`,
    lines: ["首问责任人答复了你的问题。"],
    action: "请查看答复；需要补充材料时请在问题页补充。",
  }),
  "question.resolved": (c) => ({
    subject: `你的问题 ${c.q} 已办结`,
    lines: [`办结类型：${RESOLUTION[String(c.f.str("kind"))] ?? "—"}`],
    action: "请确认是否已经解决，并为这次服务评价；未解决可以重新打开。",
  }),
  "question.asker-replied": (c) => ({
    subject: `提问人补充了 ${c.q}`,
    lines: ["提问人补充了信息。"],
    action: "请查看补充内容并继续处理。",
  }),
  "question.reopened": (c) => ({
    subject: `问题 ${c.q} 被重新打开`,
    lines: ["提问人认为问题尚未解决。"],
    action: "请继续处理并再次答复提问人。",
  }),
  // people = distinct owners, handCount − 1 = accepted handoffs (docs/metrics.md); older payloads carry only handCount.
  "question.ping-pong": (c) => {
    const people = c.f.num("people") ?? 0;
    const handoffs = (c.f.num("handCount") ?? 0) - 1;
    const counted = people > 0 && handoffs > 0 ? `已在 ${people} 人之间转交 ${handoffs} 次` : "已被多次转交";
    return { subject: `问题 ${c.q} 被反复转交`, lines: [`这个问题${counted}，请协调确定责任人。`], action: "请指定一位责任人，必要时改派或接手。" };
  },
  "deadline.warning": (c) => {
    const threshold = c.f.num("threshold");
    const level = c.f.num("level");
    const which = level && level > 0 ? `第 ${level} 级升级后的办结时限` : "办结时限";
    return {
      subject: `时限预警${threshold ? ` ${threshold}%` : ""}：${c.q} 尚未办结`,
      lines: [`问题 ${c.q} 已用去${threshold ? ` ${threshold}% ` : "大部分"}的${which}，仍未办结。`],
      time: [deadline(c, "办结", c.f.date("due"))],
      action: "请尽快答复提问人、索要材料或办结；到期未办结将自动升级至上一级。",
    };
  },
  "question.first-response-breach": (c) => ({
    subject: `首次响应超时：${c.q}`,
    lines: [`问题 ${c.q} 超过首次响应时限仍未答复提问人${late(c, c.f.num("lateMinutes")) ? `，${late(c, c.f.num("lateMinutes"))}` : ""}。`],
    time: [c.f.num("lateMinutes") === null ? deadline(c, "首次响应", c.f.date("due")) : c.f.date("due") ? `首次响应时限 ${shanghaiShort(c.f.date("due")!)}` : null],
    action: "请立即答复提问人或索要材料；提问人在等待首次响应。",
  }),
  "question.escalated": (c) => {
    const { level, from, toName, nextName, newDue, breached, lateText, toYou } = escalationFacts(c);
    const action =
      c.role === "asker"
        ? "无需操作：升级后的负责人会督办，你可以在问题页查看进展。"
        : toYou
          ? "请在问题页督办：指示责任人、改派他人、延长时限（写明理由）或接手办结。"
          : "请立即处理并答复提问人；升级负责人可能会指示、改派或接手。";
    return {
      subject: `问题 ${c.q} 已升级至${levelName(level)}${toName ? `（${toName}）` : ""}`,
      lines: [
        `问题 ${c.q} 在${levelName(from)}的时限内未办结${lateText ? `（${lateText}）` : ""}，已升级至${levelName(level)}${toName ? `：${toName}` : ""}。`,
        ...(breached ? [`原时限 ${shanghaiShort(breached)}`] : []),
      ],
      time: [deadline(c, "本级办结", newDue), nextName ? `本级仍未办结将升级至 ${nextName}` : newDue ? "本级仍未办结将继续向上升级" : null],
      action,
    };
  },
  "question.instructed": (c) => ({
    subject: `督办指示：${c.q}`,
    lines: present([`${c.f.name("byName") ?? "上级"} 就问题 ${c.q} 给你下达了督办指示。`, typed(c, "指示", "note")]),
    action: "请在问题页确认收到指示，并按指示处理。",
  }),
  "question.instruction-acknowledged": (c) => ({
    subject: `${c.f.name("ownerName") ?? "责任人"} 已确认督办指示：${c.q}`,
    lines: [`${c.f.name("ownerName") ?? "责任人"} 已确认收到你对问题 ${c.q} 的督办指示。`],
    action: "无需操作；可在问题页跟进办理情况。",
  }),
  "question.reassigned": (c) => {
    const by = c.f.name("byName") ?? "上级";
    const from = c.f.name("fromName");
    const to = c.f.name("toName");
    const isNewOwner = c.role === "owner";
    return {
      subject: isNewOwner ? `问题 ${c.q} 已改派给你` : `问题 ${c.q} 已改派${to ? `给 ${to}` : ""}`,
      lines: present([`${by} 将问题 ${c.q}${from ? ` 从 ${from}` : ""} 改派给${isNewOwner ? "你" : to ? ` ${to}` : "他人"}。`, typed(c, "说明", "note")]),
      time: isNewOwner ? [deadline(c, "首次响应", c.f.date("firstResponseDueAt")), deadline(c, "办结", c.f.date("dueAt"))] : [deadline(c, "新的办结", c.f.date("dueAt"))],
      action: isNewOwner ? "请在首次响应时限前答复提问人或索要材料。" : c.role === "asker" ? "无需操作：新的首问责任人会继续处理。" : "你无需再处理这个问题；如有进展请告知新的责任人。",
    };
  },
  "question.deadline-extended": (c) => ({
    subject: `问题 ${c.q} 的办结时限已延长`,
    lines: present([`${c.f.name("byName") ?? "上级"} 延长了问题 ${c.q} 的办结时限。`, typed(c, "理由", "reason")]),
    time: [deadline(c, "新的办结", c.f.date("dueAt"))],
    action: c.role === "asker" ? "无需操作：责任人会在新的时限内办结。" : "请在新的时限内办结。",
  }),
  "question.taken-over": (c) => ({
    subject: `问题 ${c.q} 已由 ${c.f.name("byName") ?? "上级"} 接手`,
    lines: [`${c.f.name("byName") ?? "上级"} 接手了问题 ${c.q}，由其直接办结。`],
    action: c.role === "asker" ? "无需操作：接手人会继续处理。" : "你无需再处理这个问题。",
  }),
  "question.urgency-changed": (c) => {
    const urgent = c.f.bool("urgent");
    const what = urgent === null ? "调整了紧急程度" : urgent ? "标为紧急" : "改为普通";
    return {
      subject: `问题 ${c.q} 已${what}`,
      lines: present([`${c.f.name("byName") ?? "有人"} 将问题 ${c.q} ${what}${urgent === true ? "，适用紧急时限" : urgent === false ? "，适用普通时限" : ""}。`, typed(c, "理由", "reason")]),
      action: c.role === "asker" ? "无需操作；如有异议请在问题页说明。" : urgent ? "请优先处理：紧急问题的时限更短。" : "请按新的时限处理。",
    };
  },
  "question.owner-changed": (c) => {
    const why = c.f.str("why");
    const to = c.f.name("toName");
    return {
      subject: `你的问题 ${c.q} 换了首问责任人`,
      lines: [`你的问题 ${c.q} 改由${to ? ` ${to} ` : "新的责任人"}负责${why ? `（原因：${OWNER_CHANGE[why] ?? why}）` : ""}。`],
      action: "无需操作：新的责任人会继续处理，你可以在问题页查看进展。",
    };
  },
  "handoff.requested": (c) => ({
    subject: `有人请你接手问题 ${c.q}`,
    lines: present([`${c.f.name("fromName") ?? "首问责任人"} 请你接手问题 ${c.q}。`, typed(c, "转交说明", "note")]),
    time: [deadline(c, "请回应", c.f.date("respondBy"))],
    action: "请在问题页接收，或写明理由后拒绝；逾期未回应将升级。",
  }),
  "handoff.accepted": (c) => ({
    subject: `问题 ${c.q} 的转交已被接收`,
    lines: [`${c.f.name("toName") ?? "接收人"} 已接手问题 ${c.q}。`],
    action: "你无需再处理这个问题。",
  }),
  "handoff.declined": (c) => ({
    subject: `问题 ${c.q} 的转交被拒绝`,
    lines: present([`${c.f.name("toName") ?? "接收人"} 拒绝了转交，问题仍由你负责。`, typed(c, "理由", "reason")]),
    action: "请继续处理，或另找合适的接手人。",
  }),
  "handoff.expired": (c) => ({
    subject: `问题 ${c.q} 的转交无人回应`,
    lines: [`${c.f.name("toName") ?? "接收人"} 未在时限内回应问题 ${c.q} 的转交请求，转交已失效。`],
    time: [c.f.date("respondBy") ? `回应时限 ${shanghaiShort(c.f.date("respondBy")!)}` : null],
    action: "问题仍由原责任人负责：请继续处理，或另找接手人。",
  }),
  "complaint.filed": (c) => ({
    subject: c.audience === "group" ? "你有一项投诉待复核" : `问题 ${c.q} 收到投诉`,
    lines: [c.audience === "group" ? "有一项投诉需要你复核（详情只在首问中显示）。" : `提问人对问题 ${c.q} 的处理提出了投诉，由你复核。`],
    time: [deadline(c, "复核", c.f.date("reviewDueAt"))],
    action: "请在复核时限前维持或驳回投诉并写明理由；必要时请责任人说明情况。",
    showQuestion: c.audience !== "group",
  }),
  "complaint.statement-requested": (c) => ({
    subject: c.audience === "group" ? "你有一项服务复核待说明" : `请就问题 ${c.q} 提交说明`,
    lines: present([c.audience === "group" ? "复核人请你提交一项说明（详情只在首问中显示）。" : `复核人请你就问题 ${c.q} 的处理情况提交说明（服务复核）。`, typed(c, "复核人的要求", "note")]),
    time: [deadline(c, "说明", c.f.date("dueAt"))],
    action: "请在时限前在问题页提交说明。",
    showQuestion: c.audience !== "group",
  }),
  "complaint.statement-given": (c) => ({
    subject: c.audience === "group" ? "投诉复核：责任人已提交说明" : `问题 ${c.q} 的责任人已提交说明`,
    lines: [c.audience === "group" ? "你复核的投诉收到了责任人的说明。" : `问题 ${c.q} 的首问责任人已提交说明。`],
    action: "请查看说明并作出复核决定。",
    showQuestion: c.audience !== "group",
  }),
  "complaint.decided": (c) => {
    const outcome = c.f.str("outcome");
    const verdict = outcome === "UPHELD" ? "投诉成立" : outcome === "REJECTED" ? "投诉不成立" : "已有结果";
    return {
      subject: c.audience === "group" ? `服务复核有了结果：${verdict}` : `问题 ${c.q} 的投诉复核结果：${verdict}`,
      lines: present([c.audience === "group" ? `一项服务复核已经作出决定：${verdict}。` : `问题 ${c.q} 的投诉已复核：${verdict}。`, typed(c, "理由", "reason")]),
      action: "请在问题页查看复核结果和理由。",
      showQuestion: c.audience !== "group",
    };
  },
  "complaint.review-overdue": (c) => {
    const lateText = late(c, c.f.num("lateMinutes"));
    return {
      subject: c.audience === "group" ? "投诉复核已超时" : `问题 ${c.q} 的投诉复核已超时`,
      lines: [`${c.audience === "group" ? "一项投诉" : `问题 ${c.q} 的投诉`}超过复核时限仍未决定${lateText ? `，${lateText}` : ""}。`],
      time: [c.f.date("dueAt") ? `复核时限 ${shanghaiShort(c.f.date("dueAt")!)}` : null],
      action: "请尽快作出复核决定（维持或驳回，并写明理由）。",
      showQuestion: c.audience !== "group",
    };
  },
  "account.signin-attack": (c) => ({
    subject: "你的账号正在被他人尝试登录",
    lines: [
      `${c.f.num("windowMinutes") || 15} 分钟内，你的账号有 ${c.f.num("failures") || "多"} 次密码错误的登录尝试。`,
      "登录已被限速；你在常用的电脑上仍可照常登录。",
    ],
    action: "如果不是你本人，请尽快修改密码或联系系统管理员。",
  }),
};
