"use client";
// Upload an org file → the server answers what would change → apply. The same file is sent again with the
// preview's hash, so what is applied is what was shown (409 when the data moved on in between).
import { useState } from "react";
import { useT } from "@/components/i18n-provider";
import type { Translate } from "@/lib/i18n/translate";
import type { OrgPlan } from "@/lib/org/diff-org";
import { changedRow } from "@/lib/org/plan-text";

interface Preview {
  plan: OrgPlan;
  hash: string;
}
interface Problem {
  message: string;
  fields?: Record<string, string>;
}


async function send(file: File, query: string, t: Translate): Promise<Preview> {
  const res = await fetch(`/api/admin/org-import?${query}`, { method: "POST", headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(file.name) }, body: file });
  const json = (await res.json().catch(() => ({}))) as Preview & { error?: Problem };
  if (!res.ok) throw { message: json.error?.message ?? t("admin.org.requestFailed", { status: res.status }), fields: json.error?.fields } satisfies Problem;
  return json;
}

function List({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  const t = useT();
  return (
    <details className="mt-2" open={items.length > 0 && items.length <= 20}>
      <summary className="cursor-pointer text-sm font-medium" data-testid={testId}>{t("admin.org.count", { title, count: items.length })}</summary>
      <ul className="ml-4 list-disc text-sm">{items.slice(0, 200).map((i) => <li key={i}><bdi>{i}</bdi></li>)}</ul>
    </details>
  );
}

export function OrgImportForm() {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [full, setFull] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(apply: boolean) {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const query = `full=${full ? 1 : 0}` + (apply && preview ? `&apply=1&hash=${preview.hash}` : "");
      const result = await send(file, query, t);
      if (apply) {
        setDone(result);
        setPreview(null);
      } else setPreview(result);
    } catch (err) {
      setProblem(err as Problem);
    } finally {
      setBusy(false);
    }
  }

  const p = preview?.plan;
  const changed = (item: string, fields: string[]) => changedRow(t, item, fields);
  return (
    <div className="space-y-4">
      <label className="block text-sm font-medium">
        {t("admin.org.file")}
        <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="org-file" className="mt-1 block w-full text-sm"
          onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPreview(null); setDone(null); setProblem(null); }} />
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={full} data-testid="org-full" onChange={(e) => { setFull(e.target.checked); setPreview(null); }} />
        <span>{t("admin.org.full")}</span>
      </label>
      <button type="button" disabled={!file || busy} onClick={() => run(false)} data-testid="org-preview" className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white disabled:opacity-50">{t("admin.org.preview")}</button>
      {problem && (
        <div role="alert" data-testid="org-errors" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm">
          <p className="font-medium">{problem.message}</p>
          <ul className="mt-1 list-disc pl-5">{Object.entries(problem.fields ?? {}).map(([where, why]) => <li key={where}><bdi>{where}</bdi>{t("punct.colon")}<bdi>{why}</bdi></li>)}</ul>
        </div>
      )}
      {p && (
        <section aria-labelledby="org-preview-h" data-testid="org-plan" className="rounded-md border border-slate-300 p-3">
          <h2 id="org-preview-h" className="font-semibold">{t("admin.org.planTitle")}</h2>
          <List title={t("admin.org.plan.departmentsAdded")} items={p.departments.added} testId="plan-departments-added" />
          <List title={t("admin.org.plan.departmentsChanged")} items={p.departments.changed.map((c) => changed(c.code, c.fields))} testId="plan-departments-changed" />
          <List title={t("admin.org.plan.peopleAdded")} items={p.people.added} testId="plan-people-added" />
          <List title={t("admin.org.plan.peopleChanged")} items={p.people.changed.map((c) => changed(c.email, c.fields))} testId="plan-people-changed" />
          <List title={t("admin.org.plan.peopleDisabled")} items={p.people.disabled} testId="plan-people-disabled" />
          <List title={t("admin.org.plan.linesAdded")} items={p.matrix.linesAdded} testId="plan-lines-added" />
          <List title={t("admin.org.plan.matrixAdded")} items={p.matrix.added.map((a) => `${a.line} → ${a.owner}`)} testId="plan-matrix-added" />
          <List title={t("admin.org.plan.matrixRemoved")} items={p.matrix.removed.map((a) => `${a.line} → ${a.owner}`)} testId="plan-matrix-removed" />
          <List title={t("admin.org.plan.rosterAdded")} items={p.roster.added.map((d) => `${d.line} · ${d.person} · ${new Date(d.startsAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })} – ${new Date(d.endsAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}`)} testId="plan-roster-added" />
          <List title={t("admin.org.plan.rosterRemoved")} items={p.roster.removed.map((d) => `${d.line} · ${d.person} · ${new Date(d.startsAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })} – ${new Date(d.endsAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}`)} testId="plan-roster-removed" />
          <button type="button" disabled={busy} onClick={() => run(true)} data-testid="org-apply" className="mt-3 rounded-md bg-green-700 px-3 py-1.5 font-medium text-white disabled:opacity-50">{t("admin.org.apply")}</button>
        </section>
      )}
      {done && (
        <p role="status" data-testid="org-done" className="rounded-md border border-green-400 bg-green-50 p-3 text-sm">
          {t("admin.org.done", { departments: done.plan.departments.added.length, added: done.plan.people.added.length, changed: done.plan.people.changed.length, disabled: done.plan.people.disabled.length, owners: done.plan.matrix.added.length })}
        </p>
      )}
    </div>
  );
}
