import type { Segment } from "@/lib/search/highlight";

/**
 * Highlighted snippet rendered as text nodes: policy text can never become markup. Each piece of
 * policy text is isolated (<bdi>), so a direction override inside it cannot reverse the portal's own
 * "…" or anything after the snippet.
 */
export function Snippet({ segments, className = "mt-1 text-sm leading-6 text-slate-700" }: { segments: Segment[]; className?: string }) {
  return (
    <p className={className}>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} className="rounded bg-yellow-200 px-0.5 text-slate-900"><bdi>{s.text}</bdi></mark>
        ) : s.text === "…" ? (
          <span key={i}>…</span>
        ) : (
          <bdi key={i}>{s.text}</bdi>
        ),
      )}
    </p>
  );
}
