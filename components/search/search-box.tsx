"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useT } from "../i18n-provider";

/** Instant search: the query lives in the URL (shareable); typing updates it after a short pause. */
export function SearchBox({ lines, label, placeholder }: { lines: string[]; label: string; placeholder: string }) {
  const router = useRouter();
  const t = useT();
  const pathname = usePathname();
  const params = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const navigate = (next: Record<string, string>) => {
    const sp = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) {
      if (v) sp.set(k, v);
      else sp.delete(k);
    }
    startTransition(() => router.replace(`${pathname}?${sp.toString()}`, { scroll: false }));
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <form
      role="search"
      className="flex flex-col gap-2 sm:flex-row"
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        navigate({ q });
      }}
    >
      <label htmlFor="q" className="sr-only">
        {label}
      </label>
      <input
        id="q"
        name="q"
        type="search"
        value={q}
        maxLength={200}
        autoComplete="off"
        placeholder={placeholder}
        className="w-full rounded-md border border-slate-400 px-3 py-2 text-base"
        onChange={(e) => {
          const value = e.target.value;
          setQ(value);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => navigate({ q: value.trim() }), 300);
        }}
      />
      <label htmlFor="line" className="sr-only">
        {t("searchBox.line")}
      </label>
      <select
        id="line"
        name="line"
        defaultValue={params.get("line") ?? ""}
        className="rounded-md border border-slate-400 px-2 py-2"
        onChange={(e) => navigate({ line: e.target.value })}
      >
        <option value="">{t("searchBox.allLines")}</option>
        {lines.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
        {t("searchBox.submit")}
      </button>
      <span aria-live="polite" className="sr-only">
        {pending ? t("searchBox.pending") : ""}
      </span>
    </form>
  );
}
