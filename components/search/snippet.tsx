import type { Segment } from "@/lib/search/highlight";

/** Highlighted snippet rendered as text nodes: policy text can never become markup. */
export function Snippet({ segments }: { segments: Segment[] }) {
  return (
    <p className="mt-1 text-sm leading-6 text-slate-700">
      {segments.map((s, i) => (s.hit ? <mark key={i} className="rounded bg-yellow-200 px-0.5 text-slate-900">{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </p>
  );
}
