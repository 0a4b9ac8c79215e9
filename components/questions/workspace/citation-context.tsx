"use client";

import { createContext, useCallback, useContext, useMemo, useState } from "react";

export interface CiteOption {
  sectionId: string;
  label: string;
}

interface Citations {
  options: CiteOption[];
  chosen: ReadonlySet<string>;
  /** adds the clause to the options (if new) and ticks it */
  cite: (o: CiteOption) => void;
  toggle: (sectionId: string, on: boolean) => void;
  clear: () => void;
  /** the last clause cited, for the live announcement */
  lastCited: CiteOption | null;
}

const CitationContext = createContext<Citations | null>(null);

/**
 * The clauses the owner may cite, shared by the clause search (side panel) and the composer: the
 * asker's suggestions to begin with, plus anything cited from a search. The server re-checks that
 * every cited section is of a current version.
 */
export function CitationProvider({ initial, children }: { initial: CiteOption[]; children: React.ReactNode }) {
  const [options, setOptions] = useState<CiteOption[]>(initial);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [lastCited, setLastCited] = useState<CiteOption | null>(null);
  const cite = useCallback((o: CiteOption) => {
    setOptions((prev) => (prev.some((p) => p.sectionId === o.sectionId) ? prev : [...prev, o]));
    setChosen((prev) => new Set([...prev, o.sectionId]));
    setLastCited(o);
  }, []);
  const toggle = useCallback((sectionId: string, on: boolean) => {
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(sectionId);
      else next.delete(sectionId);
      return next;
    });
  }, []);
  const clear = useCallback(() => setChosen(new Set()), []);
  const value = useMemo(() => ({ options, chosen, cite, toggle, clear, lastCited }), [options, chosen, cite, toggle, clear, lastCited]);
  return <CitationContext.Provider value={value}>{children}</CitationContext.Provider>;
}

export function useCitations(): Citations {
  const c = useContext(CitationContext);
  if (!c) throw new Error("useCitations() must be used inside <CitationProvider>");
  return c;
}
