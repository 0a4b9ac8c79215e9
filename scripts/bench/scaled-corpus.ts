// A company-sized corpus made from a small one: the policy files of <src>/docs copied round-robin
// until there are `count` files, each copy with its own frontmatter id (copy 0 keeps the original
// id, so the first files of a small scale are exactly the source documents).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface ScaledCorpus {
  dir: string;
  documents: number;
  units: number;
}

const ID_LINE = /^id:\s*"?([^"\n]+)"?\s*$/m;

export function makeScaledCorpus(srcDocs: string, outDir: string, count: number): ScaledCorpus {
  const files = readdirSync(srcDocs)
    .filter((f) => f.endsWith(".md") && !/^readme/i.test(f))
    .sort();
  if (!files.length) throw new Error(`${srcDocs} holds no .md policy files`);
  mkdirSync(outDir, { recursive: true });
  let units = 0;
  const sources = files.map((f) => readFileSync(path.join(srcDocs, f), "utf8"));
  for (let i = 0; i < count; i++) {
    const k = Math.floor(i / files.length);
    const text = sources[i % files.length]!;
    const id = ID_LINE.exec(text)?.[1];
    if (!id) throw new Error(`${files[i % files.length]} has no frontmatter id`);
    const copyId = k === 0 ? id : `${id}-copy${k}`;
    writeFileSync(path.join(outDir, `${copyId}.md`), text.replace(ID_LINE, `id: "${copyId}"`));
    units += text.match(/^####\s/gm)?.length ?? 0;
  }
  return { dir: outDir, documents: count, units };
}
