// Placeholders of 常用答复, filled when a saved reply is inserted into a reply. Pure: used by the
// client composer (filling) and by the verbs (refusing unknown placeholders when a reply is saved).

export const PLACEHOLDERS = ["提问人", "问题编号", "条线", "责任人", "首次答复时限", "办结时限"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const TOKEN = /\{([^{}\s]{1,20})\}/g;

/** Placeholders written in the text that the portal does not know (typos such as {提问者}). */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return [...new Set([...text.matchAll(TOKEN)].map((m) => m[1]!).filter((name) => !known.has(name)))];
}

/** The text with every known placeholder replaced; anything else is left as written. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(TOKEN, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as Placeholder] : whole));
}
