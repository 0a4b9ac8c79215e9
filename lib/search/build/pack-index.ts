// The relevance index in transferable form: every posting map (feature → ids, tfs) becomes one
// Int32Array of ids, one Float32Array of term frequencies and their offsets, moved between threads
// without copying; the rest of the index (rows, lengths, typo vocabulary, options) is structured-cloned.
// Unpacked, the posting lists are views into those arrays: about 8 bytes per posting instead of
// 16–32 for two growable JS arrays.
import type { RelevanceIndex } from "../relevance/ranker";
import type { PostingList } from "../relevance/score-units";

export interface PackedPostings {
  __packedPostings: true;
  keys: string[];
  offsets: Int32Array;
  ids: Int32Array;
  tfs: Float32Array;
}

export interface PackedIndex {
  fields: Record<string, unknown>;
  transfer: ArrayBuffer[];
}

function isPostingMap(v: unknown): v is Map<string, PostingList> {
  if (!(v instanceof Map) || v.size === 0) return false;
  const first = v.values().next().value as Partial<PostingList> | undefined;
  return !!first && typeof first === "object" && "ids" in first && "tfs" in first && typeof first.ids?.length === "number";
}

function packPostings(map: Map<string, PostingList>): PackedPostings {
  let total = 0;
  for (const p of map.values()) total += p.ids.length;
  const keys: string[] = [];
  const offsets = new Int32Array(map.size + 1);
  const ids = new Int32Array(total);
  const tfs = new Float32Array(total);
  let at = 0;
  for (const [k, p] of map) {
    offsets[keys.length] = at;
    keys.push(k);
    for (let j = 0; j < p.ids.length; j++) {
      ids[at] = p.ids[j]!;
      tfs[at] = p.tfs[j]!;
      at++;
    }
  }
  offsets[keys.length] = at;
  return { __packedPostings: true, keys, offsets, ids, tfs };
}

function unpackPostings(p: PackedPostings): Map<string, PostingList> {
  const map = new Map<string, PostingList>();
  for (let i = 0; i < p.keys.length; i++) {
    const from = p.offsets[i]!;
    const to = p.offsets[i + 1]!;
    map.set(p.keys[i]!, { ids: p.ids.subarray(from, to), tfs: p.tfs.subarray(from, to) });
  }
  return map;
}

/** Splits an index into what postMessage can move (typed arrays, listed in `transfer`) and clone. */
export function packIndex(index: RelevanceIndex): PackedIndex {
  const fields: Record<string, unknown> = {};
  const transfer: ArrayBuffer[] = [];
  for (const [k, v] of Object.entries(index)) {
    if (isPostingMap(v)) {
      const packed = packPostings(v);
      transfer.push(packed.offsets.buffer as ArrayBuffer, packed.ids.buffer as ArrayBuffer, packed.tfs.buffer as ArrayBuffer);
      fields[k] = packed;
    } else fields[k] = v;
  }
  return { fields, transfer };
}

export function unpackIndex(fields: Record<string, unknown>): RelevanceIndex {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v && typeof v === "object" && (v as Partial<PackedPostings>).__packedPostings ? unpackPostings(v as PackedPostings) : v;
  }
  return out as unknown as RelevanceIndex;
}

/** An index built on this thread, compacted the same way (no thread involved). */
export function compactIndex(index: RelevanceIndex): RelevanceIndex {
  return unpackIndex(packIndex(index).fields);
}
