// The tokenizer's build-time shortcuts give exactly what the plain versions gave: jiebaWords sends all
// CJK runs of a text to jieba in one call (the words of cutting each run on its own, in order), and
// textFeatures, now a visitor, lists the same features as the separate functions concatenated.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeText } from "@/lib/search/relevance/normalize";
import { charBigrams, charUnigrams, jiebaWords, latinWords, textFeatures } from "@/lib/search/relevance/tokenize";

const CJK_RUN = /[\u3400-\u9fff]+/g;

/** The per-run loop it replaced: a text of one CJK run goes to jieba alone. */
function perRun(text: string): string[] {
  return [...text.matchAll(CJK_RUN)].flatMap((m) => jiebaWords(m[0]));
}

describe("tokenizer shortcuts", () => {
  const content = path.join(process.cwd(), "content");
  const texts = readdirSync(content)
    .filter((f) => f.endsWith(".md"))
    .flatMap((f) => readFileSync(path.join(content, f), "utf8").split(/\n{2,}/))
    .map(normalizeText);
  texts.push("年假5天，病假2天。第四十条：加班费按150%支付", "a b 中 文 c", "試用期 工资\n\n报销", "䷀乾卦年假", "", "hr n+1 21.75");

  it("gives the words of cutting every run alone, in order", () => {
    expect(texts.length).toBeGreaterThan(100);
    let runs = 0;
    for (const t of texts) {
      runs += t.match(CJK_RUN)?.length ?? 0;
      expect(jiebaWords(t)).toEqual(perRun(t));
    }
    expect(runs).toBeGreaterThan(2 * texts.length); // most texts have several runs
  });

  it("textFeatures lists words, bigrams, characters and Latin words in that order", () => {
    for (const t of texts) {
      expect(textFeatures(t)).toEqual([...jiebaWords(t), ...charBigrams(t), ...latinWords(t)]);
      expect(textFeatures(t, { unigrams: true })).toEqual([...jiebaWords(t), ...charBigrams(t), ...charUnigrams(t), ...latinWords(t)]);
      expect(textFeatures(t, { words: false, bigrams: false, unigrams: true })).toEqual([...charUnigrams(t), ...latinWords(t)]);
    }
  });
});
