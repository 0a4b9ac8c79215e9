/**
 * The ranker's accumulation kernel: BM25 over posting lists into a typed array, one unit's BM25 without
 * touching the other units, and top-k selection. At ~40,000 units a question's single characters and
 * common bigrams match most units, so these loops run over every unit on every search (ADR 0003,
 * "Round 4 — scale"); they give the same numbers as the plain loops, bit for bit: every sum is formed
 * from the same terms in the same order.
 */

/** A feature's posting list: unit ids ascending, with their term frequencies. */
export interface PostingList {
  readonly ids: ArrayLike<number>;
  readonly tfs: ArrayLike<number>;
}

export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** k1 · (1 − b + b · length / avgLength) per unit: the length part of BM25's denominator. */
const normCache = new WeakMap<ArrayLike<number>, { k1: number; b: number; avgLen: number; norm: Float64Array }>();

function lengthNorms(lens: ArrayLike<number>, avgLen: number, k1: number, b: number): Float64Array {
  const hit = normCache.get(lens);
  if (hit && hit.k1 === k1 && hit.b === b && hit.avgLen === avgLen) return hit.norm;
  const norm = new Float64Array(lens.length);
  for (let u = 0; u < lens.length; u++) norm[u] = k1 * (1 - b + (b * (lens[u] as number)) / avgLen);
  normCache.set(lens, { k1, b, avgLen, norm });
  return norm;
}

/**
 * BM25 of every unit for weighted query features (features absent from the index score nothing), into
 * `into` when given (zeroed first: a search reuses its index's buffers instead of allocating ~40,000
 * doubles per pass, whose off-heap garbage brought full collections of the portal's heap).
 */
export function bm25(features: Map<string, number>, post: Map<string, PostingList>, n: number, lens: ArrayLike<number>, avgLen: number, k1: number, b: number, into?: Float64Array): Float64Array {
  const scores = into ? into.fill(0) : new Float64Array(n);
  const norm = lengthNorms(lens, avgLen, k1, b);
  const k1p = k1 + 1;
  for (const [f, qw] of features) {
    const p = post.get(f);
    if (!p) continue;
    const { ids, tfs } = p;
    const m = ids.length;
    const w = qw * idf(n, m);
    for (let j = 0; j < m; j++) {
      const id = ids[j] as number;
      const tf = tfs[j] as number;
      scores[id] = (scores[id] as number) + (w * tf * k1p) / (tf + (norm[id] as number));
    }
  }
  return scores;
}

/** Position of `id` in an ascending list, or −1. */
function find(ids: ArrayLike<number>, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = ids[mid] as number;
    if (x === id) return mid;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** bm25(…)[unit] alone: a binary search per feature instead of a pass over every posting. */
export function bm25Of(unit: number, features: Map<string, number>, post: Map<string, PostingList>, n: number, lens: ArrayLike<number>, avgLen: number, k1: number, b: number): number {
  const norm = lengthNorms(lens, avgLen, k1, b);
  const k1p = k1 + 1;
  let score = 0;
  for (const [f, qw] of features) {
    const p = post.get(f);
    if (!p) continue;
    const at = find(p.ids, unit);
    if (at < 0) continue;
    const w = qw * idf(n, p.ids.length);
    const tf = p.tfs[at] as number;
    score = score + (w * tf * k1p) / (tf + (norm[unit] as number));
  }
  return score;
}

/**
 * The `k` best of `count` matches (score descending, then id ascending), sorted: a bounded min-heap of
 * (score, id) pairs, O(count log k); a match worse than the heap's worst is rejected by one comparison.
 */
export function topK(ids: ArrayLike<number>, scores: ArrayLike<number>, count: number, k: number): { i: number; s: number }[] {
  const out: { i: number; s: number }[] = [];
  if (k >= count) {
    for (let j = 0; j < count; j++) out.push({ i: ids[j] as number, s: scores[j] as number });
  } else if (k > 0) {
    const hs = new Float64Array(k);
    const hi = new Int32Array(k);
    let size = 0;
    // a is worse than b: lower score, or the same score and a higher id
    const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);
    for (let j = 0; j < count; j++) {
      const s = scores[j] as number;
      const id = ids[j] as number;
      if (size < k) {
        let at = size++;
        while (at > 0) {
          const up = (at - 1) >> 1;
          if (!worse(s, id, hs[up] as number, hi[up] as number)) break;
          hs[at] = hs[up] as number;
          hi[at] = hi[up] as number;
          at = up;
        }
        hs[at] = s;
        hi[at] = id;
      } else if (worse(hs[0] as number, hi[0] as number, s, id)) {
        // replace the worst and sift down
        let at = 0;
        for (;;) {
          const l = 2 * at + 1;
          if (l >= k) break;
          const r = l + 1;
          let m = l;
          if (r < k && worse(hs[r] as number, hi[r] as number, hs[l] as number, hi[l] as number)) m = r;
          if (!worse(hs[m] as number, hi[m] as number, s, id)) break;
          hs[at] = hs[m] as number;
          hi[at] = hi[m] as number;
          at = m;
        }
        hs[at] = s;
        hi[at] = id;
      }
    }
    for (let j = 0; j < size; j++) out.push({ i: hi[j] as number, s: hs[j] as number });
  }
  return out.sort((a, b) => b.s - a.s || a.i - b.i);
}

/** Per length-norm array (an index's units): the largest tf·(k1+1) / (tf + norm) of each feature's postings. */
const impactCache = new WeakMap<Float64Array, Map<string, number>>();

function maxImpact(f: string, p: PostingList, norm: Float64Array, k1p: number): number {
  let m = impactCache.get(norm);
  if (!m) impactCache.set(norm, (m = new Map()));
  let x = m.get(f);
  if (x === undefined) {
    x = 0;
    const { ids, tfs } = p;
    for (let j = 0; j < ids.length; j++) {
      const tf = tfs[j] as number;
      const v = (tf * k1p) / (tf + (norm[ids[j] as number] as number));
      if (v > x) x = v;
    }
    m.set(f, x);
  }
  return x;
}

/** Buffers of bm25Candidates, one set per index (a search is synchronous). */
export interface CandidateScratch {
  scores: Float64Array;
  mark: Int32Array;
  stamp: number;
  cand: Int32Array;
}

export function candidateScratch(n: number): CandidateScratch {
  return { scores: new Float64Array(n), mark: new Int32Array(n), stamp: 0, cand: new Int32Array(n) };
}

export interface Candidates {
  /** the candidate units (each has at least one essential feature), first found first */
  ids: Int32Array;
  count: number;
  /** BM25 by unit id, exact for the candidates (other entries are stale) */
  scores: Float64Array;
  /** no unit outside the candidates scores more than this */
  bound: number;
}

/**
 * MaxScore-style candidate generation: the features whose upper bounds (largest term over their postings)
 * sum to at most `share` of all the features' bounds (and at most `maxBound`) are non-essential. Only units holding an essential
 * feature become candidates, and they get their exact BM25 — every feature's term, added in the query's
 * order as in bm25() — while a unit without one scores at most the non-essential bounds' sum (`bound`).
 * The caller decides whether that bound is low enough for its top k, else ranks exhaustively.
 */
export function bm25Candidates(features: Map<string, number>, post: Map<string, PostingList>, n: number, lens: ArrayLike<number>, avgLen: number, k1: number, b: number, share: number, s: CandidateScratch, maxBound = Infinity): Candidates {
  const norm = lengthNorms(lens, avgLen, k1, b);
  const k1p = k1 + 1;
  const present: { f: string; p: PostingList; w: number; ub: number }[] = [];
  let total = 0;
  for (const [f, qw] of features) {
    const p = post.get(f);
    if (!p) continue;
    const w = qw * idf(n, p.ids.length);
    const ub = w * maxImpact(f, p, norm, k1p);
    present.push({ f, p, w, ub });
    total += ub;
  }
  const byBound = [...present].sort((x, y) => x.ub - y.ub);
  const nonEssential = new Set<string>();
  let bound = 0;
  for (const e of byBound) {
    if (bound + e.ub > Math.min(share * total, maxBound)) break;
    bound += e.ub;
    nonEssential.add(e.f);
  }
  const stamp = ++s.stamp;
  const { mark, cand, scores } = s;
  let count = 0;
  for (const e of present) {
    if (nonEssential.has(e.f)) continue;
    const ids = e.p.ids;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j] as number;
      if (mark[id] !== stamp) {
        mark[id] = stamp;
        scores[id] = 0;
        cand[count++] = id;
      }
    }
  }
  // candidates ascending: a non-essential feature's long list is searched for them (galloping) instead
  // of being read whole when they are few
  let sorted: Int32Array | null = null;
  for (const e of present) {
    const { ids, tfs } = e.p;
    const w = e.w;
    const m = ids.length;
    if (!nonEssential.has(e.f)) {
      for (let j = 0; j < m; j++) {
        const id = ids[j] as number;
        const tf = tfs[j] as number;
        scores[id] = (scores[id] as number) + (w * tf * k1p) / (tf + (norm[id] as number));
      }
    } else if (count * 8 < m) {
      sorted ??= cand.slice(0, count).sort();
      let j = 0;
      for (let c = 0; c < count && j < m; c++) {
        const id = sorted[c] as number;
        if ((ids[j] as number) < id) {
          // gallop: the first position at or after j whose id ≥ id
          let step = 1;
          let hi = j + 1;
          while (hi < m && (ids[hi] as number) < id) {
            j = hi;
            step *= 2;
            hi = j + step;
          }
          let lo = j + 1;
          hi = Math.min(hi, m);
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if ((ids[mid] as number) < id) lo = mid + 1;
            else hi = mid;
          }
          j = lo;
        }
        if (j < m && ids[j] === id) {
          const tf = tfs[j] as number;
          scores[id] = (scores[id] as number) + (w * tf * k1p) / (tf + (norm[id] as number));
          j++;
        }
      }
    } else {
      for (let j = 0; j < m; j++) {
        const id = ids[j] as number;
        if (mark[id] !== stamp) continue;
        const tf = tfs[j] as number;
        scores[id] = (scores[id] as number) + (w * tf * k1p) / (tf + (norm[id] as number));
      }
    }
  }
  // each term may round up by an ulp or two against its bound: a relative margin keeps the bound safe
  return { ids: cand, count, scores, bound: bound * (1 + 1e-9) };
}
