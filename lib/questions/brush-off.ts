import { normalizeText } from "../search/relevance/normalize";

export interface BrushOffPhrase {
  phrase: string;
  suggestion: string;
}

// Spaces and punctuation are ignored, Traditional counts as Simplified: "不 歸 我 管！" is still blocked.
const squash = (s: string) => normalizeText(s).replace(/[\s\p{P}\p{S}\u200b-\u200f\u2060\ufeff]/gu, "");

/** The 服务忌语 a reply contains (pure). */
export function findBrushOffs(text: string, phrases: BrushOffPhrase[]): BrushOffPhrase[] {
  const body = squash(text);
  return phrases.filter((p) => {
    const needle = squash(p.phrase);
    return needle.length > 0 && body.includes(needle);
  });
}
