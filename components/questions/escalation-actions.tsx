"use client";
// The escalated manager's four actions and the owner's acknowledgement; every form sends the version
// the page showed, so a decision taken on an outdated page gets the server's 409 instead of acting.
import { useT } from "@/components/i18n-provider";
import type { MessageKey } from "@/lib/i18n/messages/zh-CN";
import { ActionForm } from "./action-form";

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";
const str = (v: FormDataEntryValue | null) => String(v ?? "");

/** One field of an escalation action; `optional` fields are left out of the body when empty. */
interface Field {
  name: string;
  label: MessageKey;
  kind: "text" | "line" | "datetime" | "receiver";
  maxLength?: number;
  optional?: boolean;
}

interface Action {
  /** the path segment under /api/questions/:id, also the form's test id and field ids */
  path: "instruct" | "reassign" | "extend" | "take-over";
  title: MessageKey;
  submit: MessageKey;
  tone?: "plain";
  fields: Field[];
}

// Limits match lib/escalation/schemas.ts; the server checks them again and names the field it refuses.
const ACTIONS: Action[] = [
  { path: "instruct", title: "escalation.instruct", submit: "escalation.instruct.submit", fields: [{ name: "note", label: "escalation.instruct.note", kind: "text", maxLength: 2000 }] },
  {
    path: "reassign",
    title: "escalation.reassign",
    submit: "escalation.reassign.submit",
    fields: [
      { name: "toUserId", label: "escalation.reassign.to", kind: "receiver" },
      { name: "note", label: "escalation.reassign.note", kind: "text", maxLength: 2000 },
    ],
  },
  {
    path: "extend",
    title: "escalation.extend",
    submit: "escalation.extend.submit",
    fields: [
      { name: "dueAt", label: "escalation.extend.due", kind: "datetime" },
      { name: "reason", label: "escalation.extend.reason", kind: "text", maxLength: 1000 },
    ],
  },
  { path: "take-over", title: "escalation.takeOver", submit: "escalation.takeOver.submit", tone: "plain", fields: [{ name: "note", label: "escalation.takeOver.note", kind: "line", maxLength: 1000, optional: true }] },
];

type Receiver = { id: string; name: string; title: string | null };

export function EscalationActions({ questionId, version, receivers }: { questionId: string; version: number; receivers: Receiver[] }) {
  return (
    <div className="space-y-4">
      {ACTIONS.map((a, i) => <EscalationActionForm key={a.path} questionId={questionId} version={version} receivers={receivers} action={a} open={i === 0} />)}
    </div>
  );
}

function EscalationActionForm({ questionId, version, receivers, action, open }: { questionId: string; version: number; receivers: Receiver[]; action: Action; open: boolean }) {
  const t = useT();
  const build = (f: FormData) => ({ expectedVersion: version, ...Object.fromEntries(action.fields.map((field) => [field.name, str(f.get(field.name)) || (field.optional ? undefined : "")])) });
  return (
    <details className="rounded border border-slate-300 p-3" open={open}>
      <summary className="cursor-pointer font-medium">{t(action.title)}</summary>
      <ActionForm action={`/api/questions/${questionId}/${action.path}`} testId={`escalation-${action.path}`} tone={action.tone} submitLabel={t(action.submit)} build={build}>
        {action.fields.map((field) => {
          const id = `esc-${action.path}-${field.name}`;
          return (
            <div key={field.name}>
              <label htmlFor={id} className="block text-sm font-medium">{t(field.label)}</label>
              {field.kind === "text" && <textarea id={id} name={field.name} rows={2} maxLength={field.maxLength} className={input} />}
              {field.kind === "line" && <input id={id} name={field.name} maxLength={field.maxLength} className={input} />}
              {field.kind === "datetime" && <input id={id} name={field.name} type="datetime-local" className={input} />}
              {field.kind === "receiver" && (
                <select id={id} name={field.name} defaultValue="" className={input}>
                  <option value="">{t("escalation.reassign.choose")}</option>
                  {receivers.map((r) => <option key={r.id} value={r.id}>{r.name}{r.title ? t("punct.paren", { text: r.title }) : ""}</option>)}
                </select>
              )}
            </div>
          );
        })}
      </ActionForm>
    </details>
  );
}

export function AcknowledgeInstruction({ questionId, version }: { questionId: string; version: number }) {
  const t = useT();
  return <ActionForm action={`/api/questions/${questionId}/acknowledge-instruction`} testId="instruction-acknowledge" submitLabel={t("escalation.instruction.acknowledge")} build={() => ({ expectedVersion: version })} />;
}

/** Confirm, raise or lower urgency (owner and managers), or ask for it (the asker), always with a reason. */
export function UrgencyForm({ questionId, version, urgent, mode }: { questionId: string; version: number; urgent: boolean; mode: "review" | "request" }) {
  const t = useT();
  const choices = mode === "request" ? [{ urgent: true, label: t("urgency.request") }] : urgent ? [{ urgent: true, label: t("urgency.confirm") }, { urgent: false, label: t("urgency.lower") }] : [{ urgent: true, label: t("urgency.raise") }];
  return (
    <div className="space-y-2">
      {choices.map((c) => (
        <ActionForm key={String(c.urgent)} action={`/api/questions/${questionId}/urgency`} testId={`urgency-${c.urgent ? "urgent" : "normal"}`} tone={c.urgent ? "primary" : "plain"} submitLabel={c.label}
          build={(f) => ({ expectedVersion: version, urgent: c.urgent, reason: str(f.get("reason")) })}>
          <label htmlFor={`urgency-reason-${c.urgent}`} className="block text-sm font-medium">{t("urgency.reasonLabel")}</label>
          <input id={`urgency-reason-${c.urgent}`} name="reason" maxLength={500} className={input} />
        </ActionForm>
      ))}
    </div>
  );
}
