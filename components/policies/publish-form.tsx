"use client";
// Publishing a policy file: choose new or replace, upload (the server reads it and answers what it
// understood), fill in the metadata, preview the changes article by article, publish.
import Link from "next/link";
import { useState } from "react";
import { api, type ApiError } from "@/components/api-client";
import { useT } from "@/components/i18n-provider";
import { withNodes } from "@/components/rich-text";
import type { VersionDiff } from "@/lib/policies/diff-versions";
import type { PublishOptions } from "@/lib/policies/publish-options";
import { VersionDiffView } from "./version-diff";

interface Unit {
  label: string;
  heading: string;
  chapter: string | null;
  text: string;
}
interface UploadPreview {
  uploadId: string;
  fileName: string;
  kind: string;
  suggestedTitle: string;
  suggestedId: string;
  units: Unit[];
  outside: string[];
  warnings: string[];
}
interface PublishResult {
  policyId: string;
  version: number;
  isNew: boolean;
  units: Unit[];
  outside: string[];
  diff: VersionDiff | null;
  published: boolean;
}

const KINDS = ["docx", "doc", "pdf", "text", "markdown"] as const;
const isKind = (k: string): k is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(k);
const input = "w-full rounded border border-slate-400 px-2 py-1";

export function PublishForm({ lines, policies, initialPolicyId }: { lines: string[]; policies: PublishOptions["policies"]; initialPolicyId: string | null }) {
  const t = useT();
  const initial = policies.find((p) => p.id === initialPolicyId) ?? null;
  const [target, setTarget] = useState<string>(initial?.id ?? "");
  const [fields, setFields] = useState({
    policyId: initial?.id ?? "",
    title: initial?.title ?? "",
    line: initial?.line ?? lines[0] ?? "",
    owner: initial?.owner ?? "",
    effective: initial?.effective ?? "",
    review: initial?.reviewDueAt ?? "",
    note: "",
  });
  const [upload, setUpload] = useState<UploadPreview | null>(null);
  const [preview, setPreview] = useState<PublishResult | null>(null);
  const [done, setDone] = useState<PublishResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const replacing = policies.find((p) => p.id === target) ?? null;

  const set = (k: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    setFields({ ...fields, [k]: e.target.value });
    setPreview(null);
  };

  function chooseTarget(id: string) {
    setTarget(id);
    setPreview(null);
    const p = policies.find((x) => x.id === id);
    if (p) setFields({ ...fields, policyId: p.id, title: p.title, line: p.line, owner: p.owner, effective: p.effective ?? "", review: p.reviewDueAt ?? "" });
    else setFields({ ...fields, policyId: upload?.suggestedId ?? "", title: upload?.suggestedTitle ?? "" });
  }

  async function onFile(file: File | undefined) {
    setUpload(null);
    setPreview(null);
    setDone(null);
    setError(null);
    if (!file) return;
    setBusy(true);
    try {
      const res = await fetch("/api/policy-uploads", { method: "POST", headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(file.name) }, body: file });
      const json = (await res.json().catch(() => ({}))) as UploadPreview & { error?: { message?: string; fields?: Record<string, string> } };
      if (!res.ok) throw { status: res.status, message: json.error?.message ?? t("policies.publish.uploadFailed", { status: res.status }), fields: json.error?.fields } satisfies ApiError;
      setUpload(json);
      if (!replacing) setFields((f) => ({ ...f, title: f.title || json.suggestedTitle, policyId: f.policyId || json.suggestedId }));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function submit(dryRun: boolean) {
    if (!upload) return;
    setBusy(true);
    setError(null);
    try {
      const body = { ...fields, note: fields.note || undefined, dryRun, ...(dryRun ? {} : { expectedVersion: preview?.isNew ? 0 : (preview?.version ?? 1) - 1 }) };
      const result = await api<PublishResult>(`/api/policy-uploads/${upload.uploadId}/publish`, { body });
      if (dryRun) setPreview(result);
      else {
        setDone(result);
        setUpload(null);
        setPreview(null);
      }
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div role="status" data-testid="publish-done" className="mt-6 rounded-md border border-green-400 bg-green-50 p-4">
        <p>
          {withNodes(t("policies.publish.done", { version: done.version, count: done.units.length }), { title: <bdi>{fields.title}</bdi> })}
        </p>
        <p className="mt-2 space-x-4 text-sm">
          <Link className="text-blue-700 underline" href={`/policies/${done.policyId}`}>{t("policies.publish.viewPolicy")}</Link>
          <Link className="text-blue-700 underline" href={`/policies/${done.policyId}/versions`}>{t("policies.versionHistory")}</Link>
        </p>
      </div>
    );
  }

  return (
    <form className="mt-6 space-y-5" data-testid="publish-form" onSubmit={(e) => { e.preventDefault(); void submit(preview === null); }}>
      <fieldset className="space-y-2">
        <legend className="font-semibold">{t("policies.publish.step1")}</legend>
        <label className="flex flex-col text-sm">
          <span>{t("policies.publish.target")}</span>
          <select data-testid="publish-target" value={target} onChange={(e) => chooseTarget(e.target.value)} className={input}>
            <option value="">{t("policies.publish.newPolicy")}</option>
            {policies.map((p) => (
              <option key={p.id} value={p.id} translate="no">{t(p.status === "ARCHIVED" ? "policies.publish.optionRetired" : "policies.publish.option", { title: p.title, version: p.version })}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          <span>{t("policies.publish.file")}</span>
          <input data-testid="publish-file" type="file" accept=".docx,.doc,.pdf,.txt,.md" onChange={(e) => void onFile(e.target.files?.[0])} className="text-sm" />
        </label>
      </fieldset>

      {upload && (
        <section aria-labelledby="understood" data-testid="publish-preview" className="rounded-md border border-slate-300 p-4">
          <h2 id="understood" className="font-semibold">{t("policies.publish.understood", { kind: isKind(upload.kind) ? t(`policies.publish.kind.${upload.kind}`) : upload.kind, count: upload.units.length })}</h2>
          {upload.warnings.length > 0 && <ul className="mt-2 list-disc pl-5 text-sm text-amber-900">{upload.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
          {upload.outside.length > 0 && (
            <div data-testid="publish-outside" className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm">
              <p className="font-medium">{t("policies.publish.outside")}</p>
              <ul className="mt-1 list-disc pl-5">{upload.outside.slice(0, 10).map((text, i) => <li key={i} className="line-clamp-2">{text}</li>)}</ul>
            </div>
          )}
          <ol className="mt-3 max-h-96 space-y-2 overflow-y-auto text-sm">
            {upload.units.map((u) => (
              <li key={u.label} data-testid="publish-unit">
                {u.chapter && <span className="mr-2 text-slate-500">{u.chapter} ›</span>}
                <span className="font-medium">{u.heading}</span>
                <p className="line-clamp-2 text-slate-700">{u.text}</p>
              </li>
            ))}
          </ol>
        </section>
      )}

      {upload && (
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="col-span-full font-semibold">{t("policies.publish.step3")}</legend>
          <label className="flex flex-col text-sm sm:col-span-2">
            <span>{t("policies.publish.title")}</span>
            <input name="title" required maxLength={200} value={fields.title} onChange={set("title")} className={input} />
          </label>
          <label className="flex flex-col text-sm">
            <span>{t("policies.publish.policyId")}</span>
            <input name="policyId" required disabled={!!replacing} pattern="[a-z0-9][a-z0-9\-]{1,80}" value={fields.policyId} onChange={set("policyId")} className={input} />
          </label>
          <label className="flex flex-col text-sm">
            <span>{t("policies.line")}</span>
            <select name="line" value={fields.line} onChange={set("line")} className={input}>
              {lines.map((l) => <option key={l} translate="no">{l}</option>)}
            </select>
          </label>
          <label className="flex flex-col text-sm">
            <span>{t("policies.owner")}</span>
            <input name="owner" required maxLength={100} value={fields.owner} onChange={set("owner")} className={input} />
          </label>
          <label className="flex flex-col text-sm">
            <span>{t("policies.effective")}</span>
            <input name="effective" type="date" value={fields.effective} onChange={set("effective")} className={input} />
          </label>
          <label className="flex flex-col text-sm">
            <span>{t("policies.review")}</span>
            <input name="review" type="date" data-testid="publish-review" value={fields.review} onChange={set("review")} className={input} />
          </label>
          <label className="flex flex-col text-sm sm:col-span-2">
            <span>{t("policies.publish.note")}</span>
            <textarea name="note" rows={2} maxLength={500} value={fields.note} onChange={set("note")} className={input} />
          </label>
        </fieldset>
      )}

      {preview && (
        <section aria-labelledby="changes" className="rounded-md border border-slate-300 p-4">
          <h2 id="changes" className="font-semibold">{preview.isNew ? t("policies.publish.willCreate", { count: preview.units.length }) : t("policies.publish.willReplace", { version: preview.version })}</h2>
          {preview.diff && <div className="mt-2"><VersionDiffView diff={preview.diff} /></div>}
        </section>
      )}

      {error && (
        <div role="alert" data-testid="publish-error" className="rounded-md border border-red-400 bg-red-50 p-2 text-sm text-red-900">
          <p>{error.message}</p>
          {error.fields && <ul className="list-disc pl-5">{Object.entries(error.fields).map(([k, v]) => <li key={k}>{v}</li>)}</ul>}
        </div>
      )}

      {upload && (
        <div className="flex gap-3">
          {preview ? (
            <>
              <button type="submit" data-testid="publish-confirm" disabled={busy} className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">{t("policies.publish.confirm")}</button>
              <button type="button" disabled={busy} onClick={() => setPreview(null)} className="rounded-md border border-slate-500 px-4 py-2">{t("policies.publish.edit")}</button>
            </>
          ) : (
            <button type="submit" data-testid="publish-preview-changes" disabled={busy} className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">{t("policies.publish.previewChanges")}</button>
          )}
        </div>
      )}
    </form>
  );
}
