// `npm run org:import` has no reader's cookie: it prints in the terminal's language (LC_ALL, then
// LC_MESSAGES, then LANG; en… is English), Simplified Chinese otherwise, from the same catalogue as the
// admin page: the problems with their places, and the plan of a file that is fine.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvOf, smallCompany } from "../helpers/org-files";
import { runScript } from "../helpers/run-script";
import { useTempDir } from "../helpers/temp-dir";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const dir = useTempDir("org-cli-");

/** The CLI on `files` (written to the temp dir) with these locale variables, and nothing inherited for the others. */
function orgImport(files: Record<string, Buffer>, locale: { LC_ALL?: string; LC_MESSAGES?: string; LANG?: string }) {
  const paths = Object.entries(files).map(([name, bytes]) => {
    const file = path.join(dir.path, name);
    writeFileSync(file, bytes);
    return file;
  });
  return runScript("scripts/org-import.ts", paths, { DATABASE_URL: t.url, LC_ALL: "", LC_MESSAGES: "", LANG: "", ...locale });
}

// A people sheet without its department column.
const noDepartment = () => ({ "people.csv": Buffer.from("Email,Name,Roles\r\na@example.com,A,\r\n") });

describe("npm run org:import in the terminal's language", () => {
  it("names the problems in English when LANG is English", async () => {
    const { code, out } = await orgImport(noDepartment(), { LANG: "en_US.UTF-8" });
    expect(code).toBe(1);
    expect(out).toContain("✗ The file has 1 error; nothing was written");
    expect(out).toContain("people.csv row 1 “Department code”: This column is missing");
  });

  it("prints Chinese by default, for a Chinese LANG, and for C", async () => {
    for (const locale of [{}, { LANG: "zh_CN.UTF-8" }, { LANG: "C.UTF-8" }]) {
      const { code, out } = await orgImport(noDepartment(), locale);
      expect(code, JSON.stringify(locale)).toBe(1);
      expect(out).toContain("✗ 文件有 1 处错误，未写入任何数据");
      expect(out).toContain("people.csv 第 1 行「部门编码」：缺少此列");
    }
  });

  it("lets LC_ALL win over LANG, and prints the plan of a good file in that language", async () => {
    const c = smallCompany();
    const { code, out } = await orgImport({ "departments.csv": csvOf(c.departments), "people.csv": csvOf(c.people) }, { LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" });
    expect(code, out).toBe(0);
    expect(out).toContain("Changes to be made (nothing written yet)");
    expect(out).toContain("People added: 5");
    expect(out).toContain("nothing written; add --apply to write it");
    expect(out).not.toMatch(/\p{Script=Han}/u);
  });
});
