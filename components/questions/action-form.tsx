"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, type ApiError } from "@/components/api-client";
import { useT } from "../i18n-provider";

/**
 * A small form that posts JSON to one action and shows field errors; refreshes the page on success.
 * `idempotent` forms (creates a double click could repeat) send one key per submit until it succeeds.
 */
export function ActionForm({
  action,
  build,
  submitLabel,
  testId,
  children,
  tone = "primary",
  idempotent = false,
  onDone,
}: {
  action: string;
  build: (f: FormData) => unknown;
  submitLabel: string;
  testId: string;
  children?: React.ReactNode;
  tone?: "primary" | "danger" | "plain";
  idempotent?: boolean;
  /** after a successful submit (the form is reset and the page refreshed) */
  onDone?: () => void;
}) {
  const router = useRouter();
  const t = useT();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const colors = tone === "danger" ? "bg-red-700 text-white" : tone === "plain" ? "border border-slate-500" : "bg-blue-700 text-white";
  return (
    <form
      data-testid={testId}
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const body = build(new FormData(e.currentTarget));
          await api(action, { body: idempotent ? { ...(body as object), idempotencyKey } : body });
          (e.target as HTMLFormElement).reset();
          if (idempotent) setIdempotencyKey(crypto.randomUUID());
          onDone?.();
          router.refresh();
        } catch (err) {
          setError(err as ApiError);
        } finally {
          setBusy(false);
        }
      }}
    >
      {children}
      {error && (
        <div role="alert" data-testid={`${testId}-error`} className="rounded-md border border-red-400 bg-red-50 p-2 text-sm text-red-900">
          <p>{error.message}</p>
          {error.fields && <ul className="list-disc pl-5">{Object.entries(error.fields).map(([k, v]) => <li key={k}>{v}</li>)}</ul>}
          {error.found && (
            <ul className="mt-1 list-disc pl-5">
              {error.found.map((f) => <li key={f.phrase}>{t("actionForm.suggestion", { text: f.suggestion })}</li>)}
            </ul>
          )}
        </div>
      )}
      <button type="submit" disabled={busy} className={`rounded-md px-4 py-2 font-medium disabled:opacity-60 ${colors}`}>{submitLabel}</button>
    </form>
  );
}
