"use client";
// Article-level changes between two versions: added, changed (characters marked) and removed units.
// A client component: the publish form shows it too, and its words come from the client catalogue.
import { useT } from "@/components/i18n-provider";
import type { VersionDiff } from "@/lib/policies/diff-versions";

export function VersionDiffView({ diff, testId = "version-diff" }: { diff: VersionDiff; testId?: string }) {
  const t = useT();
  if (diff.changes.length === 0) return <p data-testid={testId} className="text-sm text-slate-700">{t("policies.diff.none", { unchanged: diff.unchanged })}</p>;
  return (
    <div data-testid={testId}>
      <p className="text-sm text-slate-700">
        {t("policies.diff.summary", {
          added: diff.changes.filter((c) => c.kind === "added").length,
          changed: diff.changes.filter((c) => c.kind === "changed").length,
          removed: diff.changes.filter((c) => c.kind === "removed").length,
          unchanged: diff.unchanged,
        })}
      </p>
      <ol className="mt-3 space-y-3">
        {diff.changes.map((c) => (
          <li key={`${c.kind}-${c.label}`} data-testid={`diff-${c.kind}`} className="rounded-md border border-slate-300 p-3">
            <p className="font-semibold">
              <span className={`mr-2 rounded px-1.5 py-0.5 text-xs ${c.kind === "added" ? "bg-green-100 text-green-900" : c.kind === "removed" ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900"}`}>{t(`policies.diff.${c.kind}`)}</span>
              <bdi>{c.heading}</bdi>
            </p>
            {c.kind === "changed" ? (
              <p className="mt-1 whitespace-pre-wrap text-sm leading-6">
                {c.parts.map((p, i) =>
                  p.kind === "added" ? (
                    <ins key={i} className="bg-green-100 text-green-900 no-underline" aria-label={t("policies.diff.insertedText", { text: p.text })}>{p.text}</ins>
                  ) : p.kind === "removed" ? (
                    <del key={i} className="bg-red-100 text-red-900" aria-label={t("policies.diff.deletedText", { text: p.text })}>{p.text}</del>
                  ) : (
                    <span key={i}>{p.text}</span>
                  ),
                )}
              </p>
            ) : (
              <p className={`mt-1 whitespace-pre-wrap text-sm leading-6 ${c.kind === "removed" ? "text-slate-500 line-through" : ""}`}>{c.text}</p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
