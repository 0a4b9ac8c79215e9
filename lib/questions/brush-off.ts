import { normalizeText } from "../search/relevance/normalize";
import { commitsToAction, SHAPE_RULES, SHAPE_SUGGESTIONS, type BrushOffShape } from "./brush-off-grammar";

export interface BrushOffPhrase {
  phrase: string;
  suggestion: string;
}

export interface BrushOffFinding extends BrushOffPhrase {
  /** The grammar's shape, or "phrase" for an admin-configured 服务忌语 the grammar does not cover. */
  shape: BrushOffShape | "phrase";
}

// Clauses end at punctuation and line breaks; inside a clause, spaces, symbols and invisible
// characters are dropped, so "不 歸 我\u200b管" reads as 不归我管 (Traditional counts as Simplified).
const CLAUSE_BREAK = /[\p{P}\n\r\u2028\u2029]+/u;
const NOISE = /[\s\p{P}\p{S}\p{Cf}\u200b-\u200f\u2060\ufeff]/gu;

interface Parsed {
  clauses: string[];
  /** The clauses concatenated; starts[i] is where clause i begins in it. */
  squashed: string;
  starts: number[];
}

function parse(text: string): Parsed {
  const clauses = normalizeText(text)
    .split(CLAUSE_BREAK)
    .map((c) => c.replace(NOISE, ""))
    .filter((c) => c.length > 0);
  const starts: number[] = [];
  let at = 0;
  for (const c of clauses) {
    starts.push(at);
    at += c.length;
  }
  return { clauses, squashed: clauses.join(""), starts };
}

/** Whether the owner commits to an action after squashed offset `end` (in the same or a later clause). */
function followedByAction(p: Parsed, end: number): boolean {
  for (let i = 0; i < p.clauses.length; i++) {
    if (p.starts[i]! + p.clauses[i]!.length <= end) continue;
    if (commitsToAction(p.clauses[i]!, Math.max(0, end - p.starts[i]!))) return true;
  }
  return false;
}

interface Hit {
  shape: BrushOffShape;
  text: string;
  end: number;
}

function grammarHits(p: Parsed): Hit[] {
  const hits: Hit[] = [];
  for (const rule of SHAPE_RULES) {
    if (rule.clause) {
      p.clauses.forEach((c, i) => {
        if (rule.clause!.test(c)) hits.push({ shape: rule.shape, text: c, end: p.starts[i]! + c.length });
      });
    }
    if (rule.span) {
      for (const m of p.squashed.matchAll(rule.span)) hits.push({ shape: rule.shape, text: m[0], end: m.index + m[0].length });
    }
  }
  return hits;
}

/**
 * The brush-offs a reply contains (pure). The grammar (lib/questions/brush-off-grammar.ts) finds the
 * shapes; a shape other than a rebuke is allowed when the owner then commits to an action. The
 * admin's 服务忌语 list adds phrases: one the grammar already understands (as a reply on its own) is
 * left to the grammar, which knows its variants and its honest uses ("如有不清楚的地方请联系我");
 * any other is blocked wherever it appears, unless an action follows it.
 */
export function findBrushOffs(text: string, phrases: BrushOffPhrase[]): BrushOffFinding[] {
  const p = parse(text);
  const found = new Map<string, BrushOffFinding>();
  const taken: [number, number][] = [];
  for (const h of grammarHits(p)) {
    const start = h.end - h.text.length;
    // Two rules reading the same words ("有意见你去投诉吧") are one brush-off.
    if (taken.some(([a, b]) => start < b && a < h.end)) continue;
    if (h.shape !== "rebuke" && followedByAction(p, h.end)) continue;
    taken.push([start, h.end]);
    found.set(h.text, { phrase: h.text, suggestion: suggestionFor(h, phrases), shape: h.shape });
  }
  for (const ph of phrases) {
    const needle = parse(ph.phrase).squashed;
    if (needle.length === 0 || grammarHits(parse(ph.phrase)).length > 0) continue;
    for (let at = p.squashed.indexOf(needle); at >= 0; at = p.squashed.indexOf(needle, at + 1)) {
      if (!followedByAction(p, at + needle.length)) {
        found.set(ph.phrase, { phrase: ph.phrase, suggestion: ph.suggestion, shape: "phrase" });
        break;
      }
    }
  }
  return [...found.values()];
}

/** The admin's wording for this shape when one of their phrases has it; the built-in one otherwise. */
function suggestionFor(h: Hit, phrases: BrushOffPhrase[]): string {
  const own = phrases.find((ph) => parse(ph.phrase).squashed === h.text) ?? phrases.find((ph) => grammarHits(parse(ph.phrase)).some((x) => x.shape === h.shape));
  return own?.suggestion ?? SHAPE_SUGGESTIONS[h.shape];
}
