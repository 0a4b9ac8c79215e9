"use client";
// Sections of a dashboard as tabs: one section on screen instead of a page-long scroll. Every panel
// is rendered on the server (the tables and figures are in the HTML; a hidden panel is only
// hidden), the chosen tab is in the URL (?tab=…) so a link opens the same section, and each tab is
// a real link, so it works before the script has loaded. Keyboard: ←/→/Home/End move between tabs
// (the WAI-ARIA tabs pattern with automatic activation).
import { Children, useId, useRef, useState } from "react";

export interface TabDef {
  id: string;
  label: string;
}

/** `query`: the page's other parameters (range, filters), kept in each tab's link. */
export function DashboardTabs({ tabs, initial, query = "", param = "tab", label, children }: { tabs: TabDef[]; initial: string; query?: string; param?: string; label: string; children: React.ReactNode }) {
  const panels = Children.toArray(children);
  const [active, setActive] = useState(tabs.some((t) => t.id === initial) ? initial : tabs[0]!.id);
  // Charts measure their box when they mount, and a hidden panel has none: a panel's content mounts
  // again the first time it is shown, so its charts draw at their real size.
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set([active]));
  const base = useId();
  const refs = useRef<(HTMLAnchorElement | null)[]>([]);

  const hrefFor = (id: string) => {
    const q = new URLSearchParams(query);
    q.set(param, id);
    return `?${q.toString()}`;
  };
  const choose = (id: string) => {
    setActive(id);
    setShown((s) => (s.has(id) ? s : new Set([...s, id])));
    const url = new URL(window.location.href);
    url.searchParams.set(param, id);
    window.history.replaceState(window.history.state, "", url);
  };
  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const last = tabs.length - 1;
    const next = e.key === "ArrowRight" ? (i === last ? 0 : i + 1) : e.key === "ArrowLeft" ? (i === 0 ? last : i - 1) : e.key === "Home" ? 0 : e.key === "End" ? last : null;
    if (next === null) return;
    e.preventDefault();
    choose(tabs[next]!.id);
    refs.current[next]?.focus();
  };

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto border-b border-slate-300" data-testid="dashboard-tabs">
        {tabs.map((t, i) => {
          const selected = t.id === active;
          return (
            <a
              key={t.id}
              ref={(el) => {
                refs.current[i] = el;
              }}
              role="tab"
              id={`${base}-tab-${t.id}`}
              aria-selected={selected}
              aria-controls={`${base}-panel-${t.id}`}
              tabIndex={selected ? 0 : -1}
              href={hrefFor(t.id)}
              data-testid={`tab-${t.id}`}
              onClick={(e) => {
                e.preventDefault();
                choose(t.id);
              }}
              onKeyDown={(e) => onKeyDown(e, i)}
              className={`shrink-0 whitespace-nowrap rounded-t-md border-b-2 px-3 py-2 text-sm font-medium ${selected ? "border-blue-700 text-blue-800" : "border-transparent text-slate-700 hover:text-slate-900"}`}
            >
              {t.label}
            </a>
          );
        })}
      </div>
      {tabs.map((t, i) => (
        <div key={t.id} role="tabpanel" tabIndex={0} id={`${base}-panel-${t.id}`} aria-labelledby={`${base}-tab-${t.id}`} hidden={t.id !== active} data-testid={`panel-${t.id}`} className="min-w-0">
          <div key={shown.has(t.id) ? "shown" : "not-yet"}>{panels[i]}</div>
        </div>
      ))}
    </div>
  );
}
