/**
 * Posting lists built in one flat store instead of a growable JS array pair per feature: at ~40,000 units
 * (10 million feature occurrences) the per-feature arrays and per-unit Maps were a third of the index
 * build (ADR 0003, "Round 4 — scale"). Features get numbers in the order they are first counted; a
 * unit's term frequencies accumulate in a typed array; finish() sorts the (feature, id, tf) triples by
 * feature (stable: ids stay ascending) into one ids array and one tfs array, viewed per feature.
 *
 * Same numbers as counting into a Map per unit: a feature's first occurrence stores 0 + w, the next ones
 * add w, in the same order; features appear in the finished map in the order a Map would hold them.
 */
import type { PostingList } from './score-units';
import { visitTextFeatures, type FeatureOptions, type FeatureVisitor } from './tokenize';

/** CJK characters of the tokenizer's runs (U+3400–U+9FFF): a bigram's number fits a small integer */
const CJK_BASE = 0x3400;
const CJK_SPAN = 0xa000 - CJK_BASE;

export class PostingsBuilder {
  private readonly numbers = new Map<string, number>();
  private readonly keys: string[] = [];
  private acc = new Float64Array(1024);
  /** the unit (begin() count) that last touched each feature */
  private mark = new Int32Array(1024);
  private stamp = 0;
  private touched: number[] = [];
  private feature = new Int32Array(1 << 16);
  private id = new Int32Array(1 << 16);
  private tf = new Float64Array(1 << 16);
  private size = 0;

  /** the feature's number, given on first sight */
  private numberOf(f: string): number {
    let k = this.numbers.get(f);
    if (k === undefined) {
      k = this.keys.length;
      this.numbers.set(f, k);
      this.keys.push(f);
      if (k >= this.acc.length) {
        const acc = new Float64Array(this.acc.length * 2);
        acc.set(this.acc);
        this.acc = acc;
        const mark = new Int32Array(this.mark.length * 2);
        mark.set(this.mark);
        this.mark = mark;
      }
    }
    return k;
  }

  /** starts the term frequencies of the next unit (or document) */
  begin(): void {
    this.stamp++;
    this.touched = [];
  }

  /** adds `w` to each occurrence's feature (a feature occurring twice gets 2w) */
  count(features: readonly string[], w = 1): void {
    for (const f of features) this.add(this.numberOf(f), w);
  }

  private add(k: number, w: number): void {
    if (this.mark[k] !== this.stamp) {
      this.mark[k] = this.stamp;
      this.acc[k] = 0 + w;
      this.touched.push(k);
    } else this.acc[k] = (this.acc[k] as number) + w;
  }

  /** feature numbers of character bigrams ((c1 − base) · span + c2 − base) and single characters (code − base) */
  private readonly bigramNumbers = new Map<number, number>();
  private readonly unigramNumbers = new Int32Array(CJK_SPAN).fill(-1);
  private textWeight = 1;
  private textCount = 0;
  private readonly visitor: FeatureVisitor = {
    feature: (f) => {
      this.textCount++;
      this.add(this.numberOf(f), this.textWeight);
    },
    bigram: (run, i) => {
      this.textCount++;
      const key = (run.charCodeAt(i) - CJK_BASE) * CJK_SPAN + (run.charCodeAt(i + 1) - CJK_BASE);
      let k = this.bigramNumbers.get(key);
      if (k === undefined) this.bigramNumbers.set(key, (k = this.numberOf(`b:${run.slice(i, i + 2)}`)));
      this.add(k, this.textWeight);
    },
    unigram: (code) => {
      this.textCount++;
      let k = this.unigramNumbers[code - CJK_BASE] as number;
      if (k < 0) this.unigramNumbers[code - CJK_BASE] = k = this.numberOf(`c:${String.fromCharCode(code)}`);
      this.add(k, this.textWeight);
    },
  };

  /** count(textFeatures(text, opts), w) without the array; returns the number of occurrences */
  countText(text: string, opts: FeatureOptions, w = 1): number {
    this.textWeight = w;
    this.textCount = 0;
    visitTextFeatures(text, opts, this.visitor);
    return this.textCount;
  }

  /** adds `w` to one feature */
  countOne(f: string, w: number): void {
    this.add(this.numberOf(f), w);
  }

  /** adds the current unit's frequencies so far to `into` (features first counted first) */
  addCurrentTo(into: Map<string, number>): void {
    for (const k of this.touched) {
      const f = this.keys[k] as string;
      into.set(f, (into.get(f) ?? 0) + (this.acc[k] as number));
    }
  }

  /** stores the current unit's frequencies as postings of `id` (ids must come in ascending order) */
  end(id: number): void {
    const need = this.size + this.touched.length;
    if (need > this.feature.length) {
      let cap = this.feature.length * 2;
      while (cap < need) cap *= 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      this.feature = grow(this.feature, (n) => new Int32Array(n));
      this.id = grow(this.id, (n) => new Int32Array(n));
      this.tf = grow(this.tf, (n) => new Float64Array(n));
    }
    for (const k of this.touched) {
      this.feature[this.size] = k;
      this.id[this.size] = id;
      this.tf[this.size++] = this.acc[k] as number;
    }
  }

  /** feature → posting list (typed-array views into one ids and one tfs array) */
  finish(): Map<string, PostingList> {
    const n = this.keys.length;
    const offsets = new Int32Array(n + 1);
    for (let j = 0; j < this.size; j++) {
      const k = (this.feature[j] as number) + 1;
      offsets[k] = (offsets[k] as number) + 1;
    }
    for (let k = 0; k < n; k++) offsets[k + 1] = (offsets[k + 1] as number) + (offsets[k] as number);
    const at = offsets.slice(0, n);
    const ids = new Int32Array(this.size);
    const tfs = new Float64Array(this.size);
    for (let j = 0; j < this.size; j++) {
      const k = this.feature[j] as number;
      const p = at[k] as number;
      at[k] = p + 1;
      ids[p] = this.id[j] as number;
      tfs[p] = this.tf[j] as number;
    }
    const map = new Map<string, PostingList>();
    for (let k = 0; k < n; k++) {
      const from = offsets[k] as number;
      const to = offsets[k + 1] as number;
      if (to > from) map.set(this.keys[k] as string, { ids: ids.subarray(from, to), tfs: tfs.subarray(from, to) });
    }
    return map;
  }
}
