// Placeholders of 常用答复, filled when a saved reply is inserted into a reply. Pure: used by the
// client composer (filling) and by the verbs (refusing unknown placeholders when a reply is saved).

export const PLACEHOLDERS = ["提问人", "问题编号", "条线", "责任人", "首次答复时限", "办结时限"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

/** English names of the same placeholders: shown to an English reader, accepted in any saved reply. */
export const PLACEHOLDER_ALIASES: Readonly<Record<string, Placeholder>> = {
  asker: "提问人",
  questionNumber: "问题编号",
  line: "条线",
  owner: "责任人",
  firstReplyDue: "首次答复时限",
  resolutionDue: "办结时限",
};

/** The placeholder names a reader of that language is shown. */
export function placeholderNames(locale: string): readonly string[] {
  return locale === "en" ? Object.keys(PLACEHOLDER_ALIASES) : PLACEHOLDERS;
}

const TOKEN = /\{([^{}\s]{1,20})\}/g;

function placeholderOf(name: string): Placeholder | null {
  if ((PLACEHOLDERS as readonly string[]).includes(name)) return name as Placeholder;
  return Object.hasOwn(PLACEHOLDER_ALIASES, name) ? PLACEHOLDER_ALIASES[name]! : null;
}

/** Placeholders written in the text that the portal does not know (typos such as {提问者}). */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(TOKEN)].map((m) => m[1]!).filter((name) => !placeholderOf(name)))];
}

/** The text with every known placeholder (Chinese or English name) replaced; anything else is left as written. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(TOKEN, (whole, name: string) => {
    const p = placeholderOf(name);
    return p && Object.hasOwn(values, p) ? values[p] : whole;
  });
}
