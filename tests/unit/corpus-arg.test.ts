import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusArgProblem } from "@/scripts/eval/corpus-arg";
import { tempDirForTest } from "../helpers/temp-dir";

describe("the corpus argument of evaluation scripts", () => {
  it("names the missing argument when none is given", () => {
    expect(corpusArgProblem(undefined, "--corpus", ["docs", "questions.jsonl"])).toBe("missing required argument --corpus: the corpus directory (with docs, questions.jsonl)");
    expect(corpusArgProblem("", "<corpusDir>", [])).toBe("missing required argument <corpusDir>: the corpus directory");
  });

  it("names what a given directory lacks, and accepts a complete one", () => {
    const dir = tempDirForTest("corpus-arg-");
    expect(corpusArgProblem(path.join(dir, "nope"), "--corpus", [])).toBe(`--corpus ${path.join(dir, "nope")}: no such directory`);
    mkdirSync(path.join(dir, "docs"));
    expect(corpusArgProblem(dir, "--corpus", ["docs", "questions.jsonl", "score.mjs"])).toBe(`--corpus ${dir}: missing questions.jsonl, score.mjs`);
    writeFileSync(path.join(dir, "questions.jsonl"), "");
    expect(corpusArgProblem(dir, "--corpus", ["docs", "questions.jsonl"])).toBeNull();
  });
});
