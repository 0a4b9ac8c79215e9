/**
 * Relevance lab: how often a related-term table (RelatedLexicon JSON, e.g. from `npm run lexicon:dictionary`)
 * bridges a question word that the gold unit lacks, on a tuning corpus (../shared/corpus or STARD-train's
 * four fifths with --train — never corpus-val or the held-out fifth). A diagnostic of a table's reach and
 * precision, independent of the ranker (ADR 0017, round 4).
 *
 *   npx tsx scripts/lab/related-bridges.ts --corpus <dir> [--train] [--no-learned] <table.json>…
 *
 * gap words   content words of a question absent from its gold units (none of their synonyms or
 *             learned terms there either)
 * bridged     gap words one of whose related terms is in a gold unit
 * precision   share of all related terms added to the questions that occur in a gold unit, against
 *             "base": the mean share of all units containing those terms (what a random unit would give)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeQuery, type RelatedLexicon } from '../../lib/search/relevance/analyze';
import { normalizeText } from '../../lib/search/relevance/normalize';
import { requireCorpusArg } from '../eval/corpus-arg';
import { isHeldOut } from '../lexicon/split';
import { loadCorpus, loadGoldQuestions, unitIndex } from './corpus';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { corpus: { type: 'string' }, train: { type: 'boolean' }, 'no-learned': { type: 'boolean' } } });
const dir = requireCorpusArg(values.corpus, '--corpus', 'npx tsx scripts/lab/related-bridges.ts --corpus <dir> [--train] [--no-learned] <table.json>…', ['docs', 'questions.jsonl']);
const rows = loadCorpus(dir);
const texts = rows.map((r) => normalizeText(`${r.heading ?? ''} ${r.text}`));
const unitAt = unitIndex(rows);
const qs = loadGoldQuestions(dir, values.train === true, isHeldOut);
const shareCache = new Map<string, number>();
const share = (t: string) => {
  let v = shareCache.get(t);
  if (v === undefined) shareCache.set(t, (v = texts.filter((x) => x.includes(t)).length / texts.length));
  return v;
};

for (const file of positionals) {
  const lex = JSON.parse(readFileSync(file, 'utf8')) as RelatedLexicon;
  let gapWords = 0, bridged = 0, added = 0, inGold = 0, base = 0, questions = 0;
  const examples: string[] = [];
  for (const q of qs) {
    const gold = q.gold.flatMap((g) => (g.section ? [unitAt(g.doc, g.section)] : [])).flatMap((i) => (i === undefined ? [] : [texts[i]!])).join(' ');
    if (!gold) continue;
    const a = analyzeQuery(q.question, { related: [lex], ...(values['no-learned'] ? { learned: null } : {}) });
    let any = false;
    for (const k of a.keywords) {
      const alts = a.concepts.find((c) => c.term === k)?.alternatives ?? [k];
      const gap = !alts.some((t) => gold.includes(t)) && !a.learned.some((e) => e.from === k && !e.source && gold.includes(e.term));
      if (gap) gapWords++;
      for (const e of a.learned) {
        if (!e.source || e.from !== k) continue;
        added++;
        base += share(e.term);
        if (!gold.includes(e.term)) continue;
        inGold++;
        if (gap) {
          bridged++;
          any = true;
          if (examples.length < 30) examples.push(`${k}→${e.term}`);
        }
      }
    }
    if (any) questions++;
  }
  console.log(`${file}: ${qs.length} questions, gap words ${gapWords}, bridged ${bridged} (in ${questions} questions); related terms added ${added}, in a gold unit ${inGold} = ${(inGold / Math.max(1, added)).toFixed(3)} (base ${(base / Math.max(1, added)).toFixed(3)})`);
  console.log(`  e.g. ${examples.join(' ')}`);
}
