"use client";

import { useState } from "react";
import { useT } from "@/components/i18n-provider";
import { api, type ApiError } from "@/components/api-client";
import { DeadlinePreview } from "./deadline-preview";

export interface FilingDefaults {
  lines: { id: string; name: string }[];
  lineId: string;
  contactName: string;
  contactDepartment: string;
  contactPhone: string;
  contactIm: string;
  leaders: { id: string; label: string }[];
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">{label}</label>
      {children}
      {error && <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-800">{error}</p>}
    </div>
  );
}

export function FilingForm({ defaults, body, askSessionId, onFiled }: { defaults: FilingDefaults; body: string; askSessionId: string; onFiled: (id: string) => void }) {
  // One key per form: a double submit (or a retry after a lost answer) files one question.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lineId, setLineId] = useState(defaults.lineId);
  const [urgent, setUrgent] = useState(false);
  const t = useT();
  const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";

  return (
    <form
      data-testid="filing-form"
      className="space-y-4 rounded-md border border-slate-300 bg-white p-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const opt = (k: string) => (String(f.get(k) ?? "").trim() || undefined);
        setBusy(true);
        setErrors({});
        setMessage(null);
        try {
          const neededBy = opt("neededBy");
          const r = await api<{ id: string }>("/api/questions", {
            body: {
              idempotencyKey,
              askSessionId,
              body: String(f.get("body") ?? ""),
              lineId: String(f.get("lineId") ?? ""),
              neededBy: neededBy || undefined, // a company date: the server reads it in the company zone (18:00 that day)
              contactName: String(f.get("contactName") ?? ""),
              contactDepartment: opt("contactDepartment"),
              contactPhone: opt("contactPhone"),
              contactIm: opt("contactIm"),
              namedOwnerId: opt("namedOwnerId"),
              ...(urgent ? { urgent: true, urgentReason: String(f.get("urgentReason") ?? "") } : {}),
            },
          });
          onFiled(r.id);
        } catch (err) {
          const e2 = err as ApiError;
          setErrors(e2.fields ?? {});
          setMessage(e2.message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 className="text-lg font-semibold">{t("filing.title")}</h2>
      {message && <p role="alert" className="text-red-800">{message}</p>}
      <Field id="f-body" label={t("filing.body")} error={errors.body}>
        <textarea id="f-body" name="body" defaultValue={body} rows={4} maxLength={5000} className={input} aria-invalid={!!errors.body} />
      </Field>
      <Field id="f-line" label={t("filing.line")} error={errors.lineId}>
        <select id="f-line" name="lineId" value={lineId} onChange={(e) => setLineId(e.target.value)} className={input}>
          {defaults.lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </select>
      </Field>
      <DeadlinePreview lineId={lineId} urgent={urgent} />
      <Field id="f-owner" label={t("filing.namedOwner")} error={errors.namedOwnerId}>
        <select id="f-owner" name="namedOwnerId" defaultValue="" className={input}>
          <option value="">{t("filing.autoRoute")}</option>
          {defaults.leaders.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
        </select>
      </Field>
      <Field id="f-needed" label={t("filing.neededBy")} error={errors.neededBy}>
        <input id="f-needed" name="neededBy" type="date" className={input} aria-describedby="f-needed-hint" />
        <p id="f-needed-hint" className="mt-1 text-sm text-slate-600">{t("ask.neededByForces")}</p>
      </Field>
      <div>
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" name="urgent" data-testid="file-urgent" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} /> {t("ask.urgent")}
        </label>
        {urgent && (
          <Field id="f-urgent-reason" label={t("ask.urgentReason")} error={errors.urgentReason}>
            <input id="f-urgent-reason" name="urgentReason" maxLength={500} className={input} aria-invalid={!!errors.urgentReason} />
          </Field>
        )}
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="font-medium">{t("filing.contact")}</legend>
        <Field id="f-name" label={t("filing.contactName")} error={errors.contactName}><input id="f-name" name="contactName" defaultValue={defaults.contactName} className={input} /></Field>
        <Field id="f-dept" label={t("filing.contactDepartment")} error={errors.contactDepartment}><input id="f-dept" name="contactDepartment" defaultValue={defaults.contactDepartment} className={input} /></Field>
        <Field id="f-phone" label={t("filing.contactPhone")} error={errors.contactPhone}><input id="f-phone" name="contactPhone" defaultValue={defaults.contactPhone} className={input} /></Field>
        <Field id="f-im" label={t("filing.contactIm")} error={errors.contactIm}><input id="f-im" name="contactIm" defaultValue={defaults.contactIm} className={input} /></Field>
      </fieldset>
      <button type="submit" data-testid="file-submit" disabled={busy} className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">{t("filing.submit")}</button>
    </form>
  );
}
