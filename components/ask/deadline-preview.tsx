"use client";

import { useEffect, useState } from "react";
import { useT } from "@/components/i18n-provider";
import { api, type ApiError } from "@/components/api-client";

/**
 * "预计 16:30 前首次答复，12 月 9 日前办结" before filing: the server works it out for the chosen 条线
 * (and urgency) on the real working calendar, with the limits filing will use.
 */
export function DeadlinePreview({ lineId, urgent = false }: { lineId: string; urgent?: boolean }) {
  const t = useT();
  const [state, setState] = useState<{ sentence: string } | { error: string } | null>(null);
  useEffect(() => {
    if (!lineId) return;
    let live = true;
    setState(null);
    api<{ sentence: string }>(`/api/ask/deadlines?line=${encodeURIComponent(lineId)}${urgent ? "&urgent=1" : ""}`)
      .then((r) => { if (live) setState({ sentence: r.sentence }); })
      .catch((err: ApiError) => { if (live) setState({ error: err.fields?.line ?? err.message }); });
    return () => { live = false; };
  }, [lineId, urgent]);
  return (
    <p role="status" aria-live="polite" className="rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900" data-testid="deadline-preview">
      <span className="font-medium">{t("deadline.previewLabel")}{t("punct.colon")}</span>
      {state === null ? t("deadline.previewLoading") : "error" in state ? t("deadline.previewFailed", { message: state.error }) : `${state.sentence}${urgent ? t("deadline.urgentNote") : ""}`}
    </p>
  );
}
