"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useT } from "@/components/i18n-provider";
import type { PlaceholderValues } from "@/lib/saved-replies/placeholders";
import { ActionForm } from "../action-form";
import { useCitations } from "./citation-context";
import { CLAUSE_SEARCH_INPUT_ID } from "./clause-search";
import { SavedReplies } from "./saved-replies";

const TABS = ["reply", "materials", "handoff", "resolve"] as const;
type Tab = (typeof TABS)[number];

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";
const lines = (v: FormDataEntryValue | null) => String(v ?? "").split("\n").map((s) => s.trim()).filter(Boolean);
// Sent as typed ("2026-12-10T17:00"): the server reads it as company time, not in the browser's zone.
const date = (v: FormDataEntryValue | null) => (v ? String(v) : undefined);

function CiteList({ name }: { name: string }) {
  const t = useT();
  const { options, chosen, toggle } = useCitations();
  if (options.length === 0) return <p className="text-sm text-slate-600">{t("ws.citationsNone")}</p>;
  return (
    <fieldset>
      <legend className="font-medium">{t("ws.citations")}</legend>
      <ul className="mt-1 space-y-1">
        {options.map((o) => (
          <li key={o.sectionId}>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name={name} value={o.sectionId} className="mt-1" checked={chosen.has(o.sectionId)} onChange={(e) => toggle(o.sectionId, e.target.checked)} /> {o.label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export interface ComposerProps {
  questionId: string;
  version: number;
  lineId: string;
  people: { id: string; name: string; title: string | null }[];
  lines: { id: string; name: string }[];
  placeholders: PlaceholderValues;
  canManageLineReplies: boolean;
}

/**
 * One composer, one action at a time (答复 / 要材料 / 转交 / 办结) chosen with tabs, not scrolled to.
 * Keyboard: Alt+1–4 switch tabs (focus moves to the first field), arrow keys move along the tab list,
 * "/" or Alt+/ jumps to the clause search, Ctrl/⌘+Enter submits the visible form.
 */
export function OwnerComposer({ questionId, version, lineId, people, lines: lineOptions, placeholders, canManageLineReplies }: ComposerProps) {
  const t = useT();
  const { clear, lastCited } = useCitations();
  const [tab, setTab] = useState<Tab>("reply");
  const base = `/api/questions/${questionId}`;
  const uid = useId();
  const panels = useRef<Record<Tab, HTMLDivElement | null>>({ reply: null, materials: null, handoff: null, resolve: null });
  const tabButtons = useRef<Record<Tab, HTMLButtonElement | null>>({ reply: null, materials: null, handoff: null, resolve: null });
  const replyBody = useRef<HTMLTextAreaElement>(null);
  const materialsBody = useRef<HTMLTextAreaElement>(null);
  const focusAfterSwitch = useRef(false);

  useEffect(() => {
    if (!focusAfterSwitch.current) return;
    focusAfterSwitch.current = false;
    panels.current[tab]?.querySelector<HTMLElement>("textarea, select, input:not([type=hidden])")?.focus();
  }, [tab]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-4]$/.test(e.code)) {
        e.preventDefault();
        focusAfterSwitch.current = true;
        setTab(TABS[Number(e.code.slice(5)) - 1]!);
      } else if ((e.key === "/" && !typing && !e.altKey && !e.ctrlKey && !e.metaKey) || (e.altKey && e.code === "Slash")) {
        e.preventDefault();
        document.getElementById(CLAUSE_SEARCH_INPUT_ID)?.focus();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const label: Record<Tab, string> = { reply: t("ws.tab.reply"), materials: t("ws.tab.materials"), handoff: t("ws.tab.handoff"), resolve: t("ws.tab.resolve") };
  const select = (next: Tab, focusTab = false) => {
    setTab(next);
    if (focusTab) tabButtons.current[next]?.focus();
  };
  const insertInto = (ref: React.RefObject<HTMLTextAreaElement | null>) => (text: string) => {
    const el = ref.current;
    if (!el) return;
    const at = el.selectionStart ?? el.value.length;
    el.value = el.value.slice(0, at) + text + el.value.slice(el.selectionEnd ?? at);
    el.focus();
    el.setSelectionRange(at + text.length, at + text.length);
  };

  return (
    <section aria-labelledby={`${uid}-h`} className="rounded-md border border-slate-300 bg-white p-3 sm:p-4" data-testid="composer"
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          const form = (e.target as HTMLElement).closest("form") ?? panels.current[tab]?.querySelector("form");
          if (form) {
            e.preventDefault();
            form.requestSubmit();
          }
        }
      }}>
      <h2 id={`${uid}-h`} className="sr-only">{t("ws.composer")}</h2>
      <div role="tablist" aria-label={t("ws.composer")} className="flex flex-wrap gap-1 border-b border-slate-300"
        onKeyDown={(e) => {
          const i = TABS.indexOf(tab);
          if (e.key === "ArrowRight") { e.preventDefault(); select(TABS[(i + 1) % TABS.length]!, true); }
          if (e.key === "ArrowLeft") { e.preventDefault(); select(TABS[(i + TABS.length - 1) % TABS.length]!, true); }
          if (e.key === "Home") { e.preventDefault(); select(TABS[0], true); }
          if (e.key === "End") { e.preventDefault(); select(TABS[TABS.length - 1]!, true); }
        }}>
        {TABS.map((k, i) => (
          <button key={k} ref={(el) => { tabButtons.current[k] = el; }} type="button" role="tab" id={`${uid}-tab-${k}`} aria-selected={tab === k} aria-controls={`${uid}-panel-${k}`}
            tabIndex={tab === k ? 0 : -1} data-testid={`tab-${k}`} aria-keyshortcuts={`Alt+${i + 1}`}
            className={`-mb-px rounded-t-md border px-3 py-1.5 font-medium ${tab === k ? "border-slate-300 border-b-white bg-white text-blue-800" : "border-transparent text-slate-700"}`}
            onClick={() => select(k)}>
            {label[k]}
          </button>
        ))}
      </div>

      {(tab === "reply" || tab === "materials") && (
        // Outside the action forms (a form cannot hold another); inserts into the visible tab's text.
        <div className="pt-3">
          <SavedReplies lineId={lineId} values={placeholders} canManageLine={canManageLineReplies}
            currentText={() => (tab === "reply" ? replyBody : materialsBody).current?.value ?? ""} onInsert={insertInto(tab === "reply" ? replyBody : materialsBody)} />
        </div>
      )}
      <div role="tabpanel" id={`${uid}-panel-reply`} aria-labelledby={`${uid}-tab-reply`} hidden={tab !== "reply"} ref={(el) => { panels.current.reply = el; }} className="pt-3">
        <ActionForm action={`${base}/reply`} testId="reply-form" submitLabel={t("ws.reply.submit")} onDone={clear}
          build={(f) => ({ body: String(f.get("body") ?? ""), expectedResolutionAt: date(f.get("expected")), citedSectionIds: f.getAll("cite").map(String) })}>
          <label htmlFor="reply-body" className="block font-medium">{t("ws.reply.body")}</label>
          <textarea id="reply-body" ref={replyBody} name="body" rows={5} maxLength={5000} className={input} />
          <label htmlFor="reply-expected" className="block font-medium">{t("ws.reply.expected")}</label>
          <input id="reply-expected" name="expected" type="datetime-local" className={input} />
          <CiteList name="cite" />
        </ActionForm>
      </div>

      <div role="tabpanel" id={`${uid}-panel-materials`} aria-labelledby={`${uid}-tab-materials`} hidden={tab !== "materials"} ref={(el) => { panels.current.materials = el; }} className="pt-3">
        <ActionForm action={`${base}/reply`} testId="materials-form" submitLabel={t("ws.materials.submit")} onDone={clear}
          build={(f) => ({ body: String(f.get("body") ?? ""), checklist: lines(f.get("checklist")), expectedResolutionAt: date(f.get("expected")), citedSectionIds: f.getAll("cite").map(String) })}>
          <label htmlFor="materials-body" className="block font-medium">{t("ws.materials.body")}</label>
          <textarea id="materials-body" ref={materialsBody} name="body" rows={2} maxLength={5000} className={input} defaultValue={t("ws.materialsIntro")} />
          <label htmlFor="reply-checklist" className="block font-medium">{t("ws.materialsChecklist")}</label>
          <textarea id="reply-checklist" name="checklist" rows={4} required className={input} />
          <label htmlFor="materials-expected" className="block font-medium">{t("ws.materials.expected")}</label>
          <input id="materials-expected" name="expected" type="datetime-local" className={input} />
          <CiteList name="cite" />
        </ActionForm>
      </div>

      <div role="tabpanel" id={`${uid}-panel-handoff`} aria-labelledby={`${uid}-tab-handoff`} hidden={tab !== "handoff"} ref={(el) => { panels.current.handoff = el; }} className="pt-3">
        <ActionForm action={`${base}/handoff`} testId="handoff-form" submitLabel={t("ws.handoff.submit")} tone="plain"
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
          <p className="text-sm text-slate-700">{t("ws.handoff.intro")}</p>
          <label htmlFor="handoff-to" className="block font-medium">{t("ws.handoff.to")}</label>
          <select id="handoff-to" name="to" className={input} defaultValue="">
            <option value="">{t("ws.handoff.choose")}</option>
            <optgroup label={t("ws.handoff.people")}>{people.map((p) => <option key={p.id} value={`u:${p.id}`}>{p.name}{p.title ? t("punct.paren", { text: p.title }) : ""}</option>)}</optgroup>
            <optgroup label={t("ws.handoff.lines")}>{lineOptions.map((l) => <option key={l.id} value={`l:${l.id}`}>{l.name}</option>)}</optgroup>
          </select>
          <label htmlFor="note-done" className="block font-medium">{t("ws.handoff.done")}</label>
          <textarea id="note-done" name="noteDone" rows={2} className={input} />
          <label htmlFor="note-pending" className="block font-medium">{t("ws.handoff.pending")}</label>
          <textarea id="note-pending" name="notePending" rows={2} className={input} />
          <label htmlFor="note-promised" className="block font-medium">{t("ws.handoff.promised")}</label>
          <textarea id="note-promised" name="notePromised" rows={2} className={input} />
          <label htmlFor="promised-by" className="block font-medium">{t("ws.handoff.promisedBy")}</label>
          <input id="promised-by" name="promisedBy" type="datetime-local" className={input} />
        </ActionForm>
      </div>

      <div role="tabpanel" id={`${uid}-panel-resolve`} aria-labelledby={`${uid}-tab-resolve`} hidden={tab !== "resolve"} ref={(el) => { panels.current.resolve = el; }} className="pt-3">
        <ActionForm action={`${base}/resolve`} testId="resolve-form" submitLabel={t("ws.resolve.submit")} onDone={clear}
          build={(f) => ({ kind: String(f.get("kind") ?? ""), note: String(f.get("note") ?? "") || undefined, citedSectionIds: f.getAll("rcite").map(String) })}>
          <fieldset>
            <legend className="font-medium">{t("ws.resolve.kind")}</legend>
            <label className="mr-4"><input type="radio" name="kind" value="EXISTING_POLICY" /> {t("ws.resolve.existing")}</label>
            <label className="mr-4"><input type="radio" name="kind" value="POLICY_UNCLEAR" /> {t("ws.resolve.unclear")}</label>
            <label><input type="radio" name="kind" value="NO_POLICY" /> {t("ws.resolve.none")}</label>
          </fieldset>
          <CiteList name="rcite" />
          <label htmlFor="resolve-note" className="block font-medium">{t("ws.resolve.note")}</label>
          <textarea id="resolve-note" name="note" rows={2} className={input} />
        </ActionForm>
      </div>
      <p className="sr-only" aria-live="polite">{lastCited ? `${t("search.cited")}${t("punct.colon")}${lastCited.label}` : ""}</p>
      <p className="mt-3 text-xs text-slate-600" id={`${uid}-keys`}><span className="font-medium">{t("ws.shortcuts")}{t("punct.colon")}</span>{t("ws.shortcutsHelp")}</p>
    </section>
  );
}
