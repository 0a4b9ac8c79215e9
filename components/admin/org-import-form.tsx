"use client";
// Upload an org file → the server answers what would change → apply. The same file is sent again with the
// preview's hash, so what is applied is what was shown (409 when the data moved on in between).
import { useState } from "react";
import type { OrgPlan } from "@/lib/org/diff-org";

interface Preview {
  plan: OrgPlan;
  hash: string;
}
interface Problem {
  message: string;
  fields?: Record<string, string>;
}

const FIELD_LABEL: Record<string, string> = { name: "名称", kind: "类型", parent: "上级", head: "负责人", department: "部门", title: "职务", phone: "电话", im: "即时通讯", roles: "角色", enabled: "重新启用" };

async function send(file: File, query: string): Promise<Preview> {
  const res = await fetch(`/api/admin/org-import?${query}`, { method: "POST", headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(file.name) }, body: file });
  const json = (await res.json().catch(() => ({}))) as Preview & { error?: Problem };
  if (!res.ok) throw { message: json.error?.message ?? `请求失败（${res.status}）`, fields: json.error?.fields } satisfies Problem;
  return json;
}

function List({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  return (
    <details className="mt-2" open={items.length > 0 && items.length <= 20}>
      <summary className="cursor-pointer text-sm font-medium" data-testid={testId}>{title}：{items.length}</summary>
      <ul className="ml-4 list-disc text-sm">{items.slice(0, 200).map((i) => <li key={i}><bdi>{i}</bdi></li>)}</ul>
    </details>
  );
}

export function OrgImportForm() {
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
      const result = await send(file, query);
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
  return (
    <div className="space-y-4">
      <label className="block text-sm font-medium">
        组织文件（.xlsx 或 .csv）
        <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="org-file" className="mt-1 block w-full text-sm"
          onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPreview(null); setDone(null); setProblem(null); }} />
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={full} data-testid="org-full" onChange={(e) => { setFull(e.target.checked); setPreview(null); }} />
        <span>完整名单：文件中没有的人员将被停用（不会删除，其问题记录保留）</span>
      </label>
      <button type="button" disabled={!file || busy} onClick={() => run(false)} data-testid="org-preview" className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white disabled:opacity-50">预览变更</button>
      {problem && (
        <div role="alert" data-testid="org-errors" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm">
          <p className="font-medium">{problem.message}</p>
          <ul className="mt-1 list-disc pl-5">{Object.entries(problem.fields ?? {}).map(([where, why]) => <li key={where}><bdi>{where}</bdi>：<bdi>{why}</bdi></li>)}</ul>
        </div>
      )}
      {p && (
        <section aria-labelledby="org-preview-h" data-testid="org-plan" className="rounded-md border border-slate-300 p-3">
          <h2 id="org-preview-h" className="font-semibold">将要进行的变更（尚未写入）</h2>
          <List title="新增部门" items={p.departments.added} testId="plan-departments-added" />
          <List title="变更部门" items={p.departments.changed.map((c) => `${c.code}（${c.fields.map((f) => FIELD_LABEL[f] ?? f).join("、")}）`)} testId="plan-departments-changed" />
          <List title="新增人员" items={p.people.added} testId="plan-people-added" />
          <List title="变更人员" items={p.people.changed.map((c) => `${c.email}（${c.fields.map((f) => FIELD_LABEL[f] ?? f).join("、")}）`)} testId="plan-people-changed" />
          <List title="停用人员" items={p.people.disabled} testId="plan-people-disabled" />
          <List title="新增条线" items={p.matrix.linesAdded} testId="plan-lines-added" />
          <List title="新增首问责任人" items={p.matrix.added.map((a) => `${a.line} → ${a.owner}`)} testId="plan-matrix-added" />
          <List title="移除首问责任人" items={p.matrix.removed.map((a) => `${a.line} → ${a.owner}`)} testId="plan-matrix-removed" />
          <List title="新增值班" items={p.roster.added.map((d) => `${d.line} · ${d.person} · ${new Date(d.startsAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })} – ${new Date(d.endsAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}`)} testId="plan-roster-added" />
          <List title="取消值班" items={p.roster.removed.map((d) => `${d.line} · ${d.person} · ${new Date(d.startsAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })} – ${new Date(d.endsAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}`)} testId="plan-roster-removed" />
          <button type="button" disabled={busy} onClick={() => run(true)} data-testid="org-apply" className="mt-3 rounded-md bg-green-700 px-3 py-1.5 font-medium text-white disabled:opacity-50">确认导入</button>
        </section>
      )}
      {done && (
        <p role="status" data-testid="org-done" className="rounded-md border border-green-400 bg-green-50 p-3 text-sm">
          已导入：新增部门 {done.plan.departments.added.length}，新增人员 {done.plan.people.added.length}，变更人员 {done.plan.people.changed.length}，停用 {done.plan.people.disabled.length}，首问责任人新增 {done.plan.matrix.added.length}。
        </p>
      )}
    </div>
  );
}
