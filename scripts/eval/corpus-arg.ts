// Evaluation, lab and bench scripts take their corpus directory as a required argument: a corpus is
// not part of the repository (its format is that of docs/content-format.md plus questions.jsonl), so
// there is no default path to fall back on.
import { existsSync } from "node:fs";
import path from "node:path";

/** What is wrong with the corpus argument `argName` (missing, or lacking one of `needs`), or null. */
export function corpusArgProblem(value: string | undefined, argName: string, needs: readonly string[]): string | null {
  if (!value) return `missing required argument ${argName}: the corpus directory${needs.length ? ` (with ${needs.join(", ")})` : ""}`;
  const dir = path.resolve(value);
  if (!existsSync(dir)) return `${argName} ${dir}: no such directory`;
  const missing = needs.filter((n) => !existsSync(path.join(dir, n)));
  return missing.length ? `${argName} ${dir}: missing ${missing.join(", ")}` : null;
}

/** The resolved corpus directory; on a problem prints it with the usage line and exits with status 2. */
export function requireCorpusArg(value: string | undefined, argName: string, usage: string, needs: readonly string[] = ["docs", "questions.jsonl"]): string {
  const problem = corpusArgProblem(value, argName, needs);
  if (problem) {
    console.error(`${problem}\nusage: ${usage}`);
    process.exit(2);
  }
  return path.resolve(value!);
}
