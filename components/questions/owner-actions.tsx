"use client";

import { ActionForm } from "./action-form";

export interface CiteOption {
  sectionId: string;
  label: string;
}

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";
const lines = (v: FormDataEntryValue | null) => String(v ?? "").split("\n").map((s) => s.trim()).filter(Boolean);
// Sent as typed ("2026-12-10T17:00"): the server reads it as company time, not in the browser's zone.
const date = (v: FormDataEntryValue | null) => (v ? String(v) : undefined);

function CiteList({ name, options }: { name: string; options: CiteOption[] }) {
  if (options.length === 0) return <p className="text-sm text-slate-600">没有可引用的条款建议。</p>;
  return (
    <fieldset>
      <legend className="font-medium">引用条款</legend>
      <ul className="mt-1 space-y-1">
        {options.map((o) => (
          <li key={o.sectionId}>
            <label className="flex items-start gap-2 text-sm"><input type="checkbox" name={name} value={o.sectionId} className="mt-1" /> {o.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function OwnerActions({ questionId, version, cite, people, lines: lineOptions }: { questionId: string; version: number; cite: CiteOption[]; people: { id: string; label: string }[]; lines: { id: string; name: string }[] }) {
  const base = `/api/questions/${questionId}`;
  return (
    <div className="space-y-8">
      <section aria-labelledby="reply-h" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="reply-h" className="text-lg font-semibold">答复</h2>
        <ActionForm action={`${base}/reply`} testId="reply-form" submitLabel="发送答复"
          build={(f) => ({ body: String(f.get("body") ?? ""), checklist: lines(f.get("checklist")), expectedResolutionAt: date(f.get("expected")), citedSectionIds: f.getAll("cite").map(String) })}>
          <label htmlFor="reply-body" className="block font-medium">答复内容</label>
          <textarea id="reply-body" name="body" rows={4} maxLength={5000} className={input} />
          <label htmlFor="reply-checklist" className="block font-medium">一次性告知清单（每行一项：需要提问人提供的材料或步骤）</label>
          <textarea id="reply-checklist" name="checklist" rows={3} className={input} />
          <label htmlFor="reply-expected" className="block font-medium">预计解决时间（公司时间；不能当场解决时填写）</label>
          <input id="reply-expected" name="expected" type="datetime-local" className={input} />
          <CiteList name="cite" options={cite} />
        </ActionForm>
      </section>
      <section aria-labelledby="handoff-h" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="handoff-h" className="text-lg font-semibold">转交（须写交接说明）</h2>
        <ActionForm action={`${base}/handoff`} testId="handoff-form" submitLabel="发起转交" tone="plain"
          build={(f) => {
            const to = String(f.get("to") ?? "");
            return {
              expectedVersion: version,
              toUserId: to.startsWith("u:") ? to.slice(2) : undefined,
              toLineId: to.startsWith("l:") ? to.slice(2) : undefined,
              noteDone: String(f.get("noteDone") ?? ""),
              notePending: String(f.get("notePending") ?? ""),
              notePromised: String(f.get("notePromised") ?? ""),
              promisedBy: date(f.get("promisedBy")),
            };
          }}>
          <label htmlFor="handoff-to" className="block font-medium">转交给</label>
          <select id="handoff-to" name="to" className={input} defaultValue="">
            <option value="">请选择</option>
            <optgroup label="同事">{people.map((p) => <option key={p.id} value={`u:${p.id}`}>{p.label}</option>)}</optgroup>
            <optgroup label="条线队列">{lineOptions.map((l) => <option key={l.id} value={`l:${l.id}`}>{l.name}</option>)}</optgroup>
          </select>
          <label htmlFor="note-done" className="block font-medium">已经做了什么</label>
          <textarea id="note-done" name="noteDone" rows={2} className={input} />
          <label htmlFor="note-pending" className="block font-medium">还有什么没做</label>
          <textarea id="note-pending" name="notePending" rows={2} className={input} />
          <label htmlFor="note-promised" className="block font-medium">对提问人承诺了什么</label>
          <textarea id="note-promised" name="notePromised" rows={2} className={input} />
          <label htmlFor="promised-by" className="block font-medium">承诺在何时前（公司时间）</label>
          <input id="promised-by" name="promisedBy" type="datetime-local" className={input} />
        </ActionForm>
      </section>
      <section aria-labelledby="resolve-h" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="resolve-h" className="text-lg font-semibold">办结</h2>
        <ActionForm action={`${base}/resolve`} testId="resolve-form" submitLabel="办结"
          build={(f) => ({ kind: String(f.get("kind") ?? ""), note: String(f.get("note") ?? "") || undefined, citedSectionIds: f.getAll("rcite").map(String) })}>
          <fieldset>
            <legend className="font-medium">答案是否已在制度中？</legend>
            <label className="mr-4"><input type="radio" name="kind" value="EXISTING_POLICY" /> 已有制度</label>
            <label className="mr-4"><input type="radio" name="kind" value="POLICY_UNCLEAR" /> 制度不清</label>
            <label><input type="radio" name="kind" value="NO_POLICY" /> 无制度</label>
          </fieldset>
          <CiteList name="rcite" options={cite} />
          <label htmlFor="resolve-note" className="block font-medium">说明（制度不清时必填：哪里不清楚）</label>
          <textarea id="resolve-note" name="note" rows={2} className={input} />
        </ActionForm>
      </section>
    </div>
  );
}
