// The English wording of the notification templates, for a recipient who chose English (the inbox and
// e-mail; group chats keep the company default, see messageLocale in render-notification.ts).
// Each template says the same facts as its Chinese twin (render-notification-zh.ts) and follows the same
// audience rules.
import { shanghaiShort } from "./local-day";
import { deadline, escalationFacts, late, present, typed, type Template } from "./template-parts";

const RESOLUTION: Record<string, string> = { EXISTING_POLICY: "covered by an existing policy", POLICY_UNCLEAR: "the policy is unclear", NO_POLICY: "no policy covers it" };
const ASSIGN_REASON: Record<string, string> = {
  matrix: "the line's responsibility matrix",
  roster: "the duty roster",
  "least-loaded": "the fewest open questions",
  named: "named by the asker",
  handoff: "handoff accepted",
  reassigned: "reassigned by a manager",
  "taken-over": "taken over by a manager",
};
const OWNER_CHANGE: Record<string, string> = { handoff: "a handoff", reassigned: "reassigned by a manager", "taken-over": "taken over by a manager" };

const levelName = (level: number | null) => (level === null ? "the level above" : level === 0 ? "the first-contact owner" : `level ${level}`);

export const TEMPLATES_EN: Record<string, Template> = {
  "question.assigned": (c) => {
    const reason = c.f.str("reason");
    const line = c.f.str("line");
    return {
      subject: `New question for you: ${c.q}${line ? ` (${line})` : ""}`,
      lines: [`You are the first-contact owner of this question${reason ? ` (assigned by ${ASSIGN_REASON[reason] ?? reason})` : ""}.`],
      time: [
        deadline(c, "First reply", c.f.date("firstResponseDueAt") ?? c.question?.firstResponseDueAt ?? null),
        deadline(c, "Resolution", c.f.date("dueAt") ?? c.question?.resolutionDueAt ?? null),
      ],
      action: "Reply to the asker or ask for materials before the first-reply deadline; after it the question escalates by itself.",
    };
  },
  "question.replied": (c) => ({
    subject: `Your question ${c.q} has a new reply`,
    lines: ["The first-contact owner replied to your question."],
    action: "Read the reply; if materials are needed, add them on the question page.",
  }),
  "question.resolved": (c) => ({
    subject: `Your question ${c.q} is resolved`,
    lines: [`Resolution: ${RESOLUTION[String(c.f.str("kind"))] ?? "—"}`],
    action: "Confirm whether it is solved and rate the service; if it is not, you can reopen it.",
  }),
  "question.asker-replied": (c) => ({
    subject: `The asker added to ${c.q}`,
    lines: ["The asker added information."],
    action: "Read what was added and carry on.",
  }),
  "question.reopened": (c) => ({
    subject: `Question ${c.q} was reopened`,
    lines: ["The asker says the question is not solved yet."],
    action: "Carry on and reply to the asker again.",
  }),
  "question.ping-pong": (c) => {
    const people = c.f.num("people") ?? 0;
    const handoffs = (c.f.num("handCount") ?? 0) - 1;
    const counted = people > 0 && handoffs > 0 ? `has been handed off ${handoffs} times between ${people} people` : "has been handed off many times";
    return { subject: `Question ${c.q} keeps being passed around`, lines: [`This question ${counted}; please settle who owns it.`], action: "Name one owner; reassign it or take it over if needed." };
  },
  "deadline.warning": (c) => {
    const threshold = c.f.num("threshold");
    const level = c.f.num("level");
    const which = level && level > 0 ? `the resolution time after escalation to level ${level}` : "the resolution time";
    return {
      subject: `Deadline warning${threshold ? ` ${threshold}%` : ""}: ${c.q} is not resolved`,
      lines: [`Question ${c.q} has used ${threshold ? `${threshold}%` : "most"} of ${which} and is still not resolved.`],
      time: [deadline(c, "Resolution", c.f.date("due"))],
      action: "Reply to the asker, ask for materials or resolve it soon; if it is not resolved in time it escalates to the level above.",
    };
  },
  "question.first-response-breach": (c) => ({
    subject: `First reply overdue: ${c.q}`,
    lines: [`Question ${c.q} passed its first-reply deadline without a reply to the asker${late(c, c.f.num("lateMinutes")) ? `, ${late(c, c.f.num("lateMinutes"))}` : ""}.`],
    time: [c.f.num("lateMinutes") === null ? deadline(c, "First reply", c.f.date("due")) : c.f.date("due") ? `First-reply deadline ${shanghaiShort(c.f.date("due")!)}` : null],
    action: "Reply to the asker or ask for materials now; the asker is waiting for a first reply.",
  }),
  "question.escalated": (c) => {
    const { level, from, toName, nextName, newDue, breached, lateText, toYou } = escalationFacts(c);
    const action =
      c.role === "asker"
        ? "Nothing to do: the person it escalated to will follow it up; you can see the progress on the question page."
        : toYou
          ? "Act on the question page: instruct the owner, reassign it, extend the deadline (with a reason) or take it over."
          : "Deal with it now and reply to the asker; the person it escalated to may instruct, reassign or take it over.";
    return {
      subject: `Question ${c.q} escalated to ${levelName(level)}${toName ? ` (${toName})` : ""}`,
      lines: [
        `Question ${c.q} was not resolved within the time of ${levelName(from)}${lateText ? ` (${lateText})` : ""} and escalated to ${levelName(level)}${toName ? `: ${toName}` : ""}.`,
        ...(breached ? [`Original deadline ${shanghaiShort(breached)}`] : []),
      ],
      time: [deadline(c, "Resolution at this level", newDue), nextName ? `If not resolved at this level it escalates to ${nextName}` : newDue ? "If not resolved at this level it escalates further" : null],
      action,
    };
  },
  "question.instructed": (c) => ({
    subject: `Instruction: ${c.q}`,
    lines: present([`${c.f.name("byName") ?? "A manager"} gave you an instruction on question ${c.q}.`, typed(c, "Instruction", "note")]),
    action: "Acknowledge the instruction on the question page and act on it.",
  }),
  "question.instruction-acknowledged": (c) => ({
    subject: `${c.f.name("ownerName") ?? "The owner"} acknowledged the instruction: ${c.q}`,
    lines: [`${c.f.name("ownerName") ?? "The owner"} acknowledged your instruction on question ${c.q}.`],
    action: "Nothing to do; you can follow it on the question page.",
  }),
  "question.reassigned": (c) => {
    const by = c.f.name("byName") ?? "A manager";
    const from = c.f.name("fromName");
    const to = c.f.name("toName");
    const isNewOwner = c.role === "owner";
    return {
      subject: isNewOwner ? `Question ${c.q} was reassigned to you` : `Question ${c.q} was reassigned${to ? ` to ${to}` : ""}`,
      lines: present([`${by} reassigned question ${c.q}${from ? ` from ${from}` : ""} to ${isNewOwner ? "you" : to ?? "someone else"}.`, typed(c, "Note", "note")]),
      time: isNewOwner ? [deadline(c, "First reply", c.f.date("firstResponseDueAt")), deadline(c, "Resolution", c.f.date("dueAt"))] : [deadline(c, "New resolution", c.f.date("dueAt"))],
      action: isNewOwner ? "Reply to the asker or ask for materials before the first-reply deadline." : c.role === "asker" ? "Nothing to do: the new first-contact owner carries on." : "You no longer need to handle this question; pass on anything you know to the new owner.",
    };
  },
  "question.deadline-extended": (c) => ({
    subject: `The resolution deadline of question ${c.q} was extended`,
    lines: present([`${c.f.name("byName") ?? "A manager"} extended the resolution deadline of question ${c.q}.`, typed(c, "Reason", "reason")]),
    time: [deadline(c, "New resolution", c.f.date("dueAt"))],
    action: c.role === "asker" ? "Nothing to do: the owner will resolve it within the new deadline." : "Resolve it within the new deadline.",
  }),
  "question.taken-over": (c) => ({
    subject: `Question ${c.q} was taken over by ${c.f.name("byName") ?? "a manager"}`,
    lines: [`${c.f.name("byName") ?? "A manager"} took over question ${c.q} and will resolve it directly.`],
    action: c.role === "asker" ? "Nothing to do: the person who took it over carries on." : "You no longer need to handle this question.",
  }),
  "question.urgency-changed": (c) => {
    const urgent = c.f.bool("urgent");
    const what = urgent === null ? "had its urgency changed" : urgent ? "was marked urgent" : "was changed to normal";
    return {
      subject: `Question ${c.q} ${what}`,
      lines: present([`${c.f.name("byName") ?? "Someone"} changed question ${c.q} to ${urgent === true ? "urgent: the urgent time limits apply" : urgent === false ? "normal: the normal time limits apply" : "another urgency"}.`, typed(c, "Reason", "reason")]),
      action: c.role === "asker" ? "Nothing to do; if you disagree, say so on the question page." : urgent ? "Give it priority: urgent questions have shorter time limits." : "Work to the new time limits.",
    };
  },
  "question.owner-changed": (c) => {
    const why = c.f.str("why");
    const to = c.f.name("toName");
    return {
      subject: `Your question ${c.q} has a new first-contact owner`,
      lines: [`Your question ${c.q} is now handled by ${to ?? "a new owner"}${why ? ` (because of ${OWNER_CHANGE[why] ?? why})` : ""}.`],
      action: "Nothing to do: the new owner carries on; you can see the progress on the question page.",
    };
  },
  "handoff.requested": (c) => ({
    subject: `You are asked to take over question ${c.q}`,
    lines: present([`${c.f.name("fromName") ?? "The first-contact owner"} asks you to take over question ${c.q}.`, typed(c, "Handoff note", "note")]),
    time: [deadline(c, "Respond", c.f.date("respondBy"))],
    action: "Accept it on the question page, or decline it with a reason; without an answer in time it escalates.",
  }),
  "handoff.accepted": (c) => ({
    subject: `The handoff of question ${c.q} was accepted`,
    lines: [`${c.f.name("toName") ?? "The receiver"} took over question ${c.q}.`],
    action: "You no longer need to handle this question.",
  }),
  "handoff.declined": (c) => ({
    subject: `The handoff of question ${c.q} was declined`,
    lines: present([`${c.f.name("toName") ?? "The receiver"} declined the handoff; the question is still yours.`, typed(c, "Reason", "reason")]),
    action: "Carry on, or find someone else suitable to take it over.",
  }),
  "handoff.expired": (c) => ({
    subject: `Nobody answered the handoff of question ${c.q}`,
    lines: [`${c.f.name("toName") ?? "The receiver"} did not answer the handoff of question ${c.q} in time; the handoff lapsed.`],
    time: [c.f.date("respondBy") ? `Response deadline ${shanghaiShort(c.f.date("respondBy")!)}` : null],
    action: "The question stays with its owner: carry on, or find someone else to take it over.",
  }),
  "complaint.filed": (c) => ({
    subject: c.audience === "group" ? "A complaint is waiting for your review" : `Question ${c.q} received a complaint`,
    lines: [c.audience === "group" ? "A complaint needs your review (the details are shown in Shouwen only)." : `The asker complained about how question ${c.q} was handled; you review it.`],
    time: [deadline(c, "Review", c.f.date("reviewDueAt"))],
    action: "Uphold or reject the complaint with a reason before the review deadline; ask the owner for a statement if needed.",
    showQuestion: c.audience !== "group",
  }),
  "complaint.statement-requested": (c) => ({
    subject: c.audience === "group" ? "A service review is waiting for your statement" : `Please give a statement on question ${c.q}`,
    lines: present([c.audience === "group" ? "A reviewer asks you for a statement (the details are shown in Shouwen only)." : `A reviewer asks you for a statement on how question ${c.q} was handled (service review).`, typed(c, "The reviewer asks", "note")]),
    time: [deadline(c, "Statement", c.f.date("dueAt"))],
    action: "Submit your statement on the question page before the deadline.",
    showQuestion: c.audience !== "group",
  }),
  "complaint.statement-given": (c) => ({
    subject: c.audience === "group" ? "Complaint review: the owner gave a statement" : `The owner of question ${c.q} gave a statement`,
    lines: [c.audience === "group" ? "The complaint you review received the owner's statement." : `The first-contact owner of question ${c.q} gave a statement.`],
    action: "Read the statement and decide the review.",
    showQuestion: c.audience !== "group",
  }),
  "complaint.decided": (c) => {
    const outcome = c.f.str("outcome");
    const verdict = outcome === "UPHELD" ? "complaint upheld" : outcome === "REJECTED" ? "complaint rejected" : "decided";
    return {
      subject: c.audience === "group" ? `A service review is decided: ${verdict}` : `Complaint review of question ${c.q}: ${verdict}`,
      lines: present([c.audience === "group" ? `A service review was decided: ${verdict}.` : `The complaint about question ${c.q} was reviewed: ${verdict}.`, typed(c, "Reason", "reason")]),
      action: "See the outcome and its reason on the question page.",
      showQuestion: c.audience !== "group",
    };
  },
  "complaint.review-overdue": (c) => {
    const lateText = late(c, c.f.num("lateMinutes"));
    return {
      subject: c.audience === "group" ? "A complaint review is overdue" : `The complaint review of question ${c.q} is overdue`,
      lines: [`${c.audience === "group" ? "A complaint" : `The complaint about question ${c.q}`} passed its review deadline undecided${lateText ? `, ${lateText}` : ""}.`],
      time: [c.f.date("dueAt") ? `Review deadline ${shanghaiShort(c.f.date("dueAt")!)}` : null],
      action: "Decide the review soon (uphold or reject, with a reason).",
      showQuestion: c.audience !== "group",
    };
  },
  "account.signin-attack": (c) => ({
    subject: "Someone is trying to sign in to your account",
    lines: [
      `In ${c.f.num("windowMinutes") || 15} minutes your account had ${c.f.num("failures") || "many"} sign-in attempts with a wrong password.`,
      "Sign-in is rate-limited; you can still sign in as usual from the computer you normally use.",
    ],
    action: "If it was not you, change your password or contact an administrator soon.",
  }),
};
