// English is complete and no UI string hides outside the catalogues (issue 19 point 9):
// (a) both catalogues have the same keys, no empty value, the same {placeholders}, no CJK in English;
// (b) no CJK character in code (comments aside) under app/ and components/: Chinese that is data
//     (patterns, formats, lexicons) lives in lib/, UI text in lib/i18n/messages;
// (c) every key passed to t("…") in app/, components/ and lib/ exists, template-literal keys included;
// (d) an English count reads right for one: "1 error", not "1 errors" ({count|# error|# errors}).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { createT } from "@/lib/i18n/translate";

const ROOT = process.cwd();
// Han ideographs, CJK symbols and punctuation (、。「」【】), full-width forms (（）：，).
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .sort();
}

function parse(file: string): ts.SourceFile {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** The file's text with every comment blanked (line breaks kept), found by the TypeScript parser and scanner. */
function withoutComments(sf: ts.SourceFile): string {
  const text = sf.text;
  const ranges = new Map<number, ts.CommentRange>();
  const jsxText: [number, number][] = [];
  const collect = (list: ts.CommentRange[] | undefined) => list?.forEach((r) => ranges.set(r.pos, r));
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.JsxText) jsxText.push([node.getFullStart(), node.getEnd()]);
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.getEnd()));
    for (const child of node.getChildren(sf)) visit(child);
  };
  visit(sf);
  const chars = text.split("");
  for (const r of ranges.values()) {
    // JSX text has no trivia: "// x" inside it is text the user sees, not a comment.
    if (jsxText.some(([start, end]) => r.pos >= start && r.pos < end)) continue;
    for (let i = r.pos; i < r.end; i++) if (chars[i] !== "\n") chars[i] = " ";
  }
  return chars.join("");
}

// {name}, or a plural form {name|one|other} of the same value.
const PLACEHOLDER = /\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}/g;

function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))].sort();
}

describe("i18n catalogues", () => {
  const zhKeys = Object.keys(zhCN).sort();
  const enKeys = Object.keys(en).sort();

  it("have exactly the same keys", () => {
    expect(enKeys.filter((k) => !(k in zhCN)), "keys only in en").toEqual([]);
    expect(zhKeys.filter((k) => !(k in en)), "keys only in zh-CN").toEqual([]);
  });

  it("have no empty value", () => {
    const empty = [...Object.entries(zhCN).map(([k, v]) => [`zh-CN ${k}`, v]), ...Object.entries(en).map(([k, v]) => [`en ${k}`, v])].filter(([, v]) => typeof v !== "string" || v.trim() === "");
    expect(empty.map(([k]) => k)).toEqual([]);
  });

  it("use the same {placeholders} in both languages", () => {
    const mismatched = zhKeys
      .filter((k) => k in en)
      .map((k) => ({ key: k, zh: placeholders(zhCN[k as keyof typeof zhCN]), en: placeholders(en[k as keyof typeof en]) }))
      .filter((m) => m.zh.join() !== m.en.join())
      .map((m) => `${m.key}: zh-CN {${m.zh.join("}{")}} vs en {${m.en.join("}{")}}`);
    expect(mismatched).toEqual([]);
  });

  it("have no CJK character in English", () => {
    expect(Object.entries(en).filter(([, v]) => CJK.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it("define each key in one area file only", () => {
    // Area files (workspace.zh-CN.ts, core.zh-CN.ts, …) are spread into one object: a key defined
    // twice would silently take the later file's text.
    const dir = path.join(ROOT, "lib/i18n/messages");
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".zh-CN.ts") || f === "zh-CN.ts")) {
      const sf = parse(path.join("lib/i18n/messages", file));
      sf.forEachChild(function visit(node): void {
        if (ts.isPropertyAssignment(node) && ts.isStringLiteral(node.name)) {
          const prev = seen.get(node.name.text);
          if (prev) twice.push(`${node.name.text}: ${prev} and ${file}`);
          seen.set(node.name.text, file);
        }
        node.forEachChild(visit);
      });
    }
    expect(twice).toEqual([]);
  });
});

describe("English counts", () => {
  const t = createT("en", en);
  const pluralForms = Object.entries(en).flatMap(([key, text]) => [...text.matchAll(PLACEHOLDER)].filter((m) => m[2] !== undefined).map((m) => ({ key, name: m[1]!, one: m[2]!, other: m[3]! })));

  it("read one in the singular and other numbers in the plural", () => {
    expect(t("errors.orgFileInvalid", { count: 1 })).toBe("The file has 1 error; nothing was written");
    expect(t("errors.orgFileInvalid", { count: 3 })).toBe("The file has 3 errors; nothing was written");
    expect(t("errors.orgFileInvalid", { count: 0 })).toBe("The file has 0 errors; nothing was written");
    expect(t("admin.setup.people.detail", { people: "1" })).toBe("1 active person");
    expect(t("insights.policy.daysLeft", { days: 1 })).toBe("1 day left");
    expect(t("insights.management.kpi.escalationsHint", { awaiting: 1 })).toBe("1 more complaint awaits review and counts only once decided");
    expect(t("admin.org.done", { departments: 1, added: 2, changed: 1, disabled: 0, owners: 1 })).toBe(
      "Imported: 1 department added, 2 people added, 1 person changed, 0 disabled, 1 first-contact owner added.",
    );
    // A value that is not a number (a dash for none) takes the other form.
    expect(t("insights.owners.kpi.ratings", { count: "—" })).toBe("— ratings");
  });

  it("have plural forms that both show the number, and only in English", () => {
    expect(pluralForms.length).toBeGreaterThan(20);
    expect(pluralForms.filter((f) => !f.one.includes("#") || !f.other.includes("#") || f.one === f.other).map((f) => f.key)).toEqual([]);
    expect(Object.entries(zhCN).filter(([, text]) => [...text.matchAll(PLACEHOLDER)].some((m) => m[2] !== undefined)).map(([k]) => k)).toEqual([]);
  });

  it("never put a bare {count} before a plural noun", () => {
    expect(Object.entries(en).filter(([, text]) => /\{count\} ([a-z-]+ )?[a-z-]+s\b/.test(text)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });
});

describe("UI code", () => {
  const files = [...sourceFiles("app"), ...sourceFiles("components")];

  it("finds the files to check", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("has no CJK character outside comments in app/ and components/", () => {
    const found: string[] = [];
    for (const file of files) {
      withoutComments(parse(file))
        .split("\n")
        .forEach((line, i) => {
          if (CJK.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found, `UI strings belong in lib/i18n/messages (data in lib/):\n${found.join("\n")}\n`).toEqual([]);
  });

  it("uses only keys the catalogues define", () => {
    const keys = Object.keys(zhCN);
    const missing: string[] = [];
    for (const file of [...files, ...sourceFiles("lib")]) {
      if (!/\bt\(/.test(readFileSync(path.join(ROOT, file), "utf8"))) continue;
      const sf = parse(file);
      sf.forEachChild(function visit(node): void {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "t" && node.arguments[0]) {
          const arg = node.arguments[0];
          const where = `${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
          if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
            if (!(arg.text in zhCN)) missing.push(`${where}: ${arg.text}`);
          } else if (ts.isTemplateExpression(arg)) {
            // `status.${s}`: some key must match the fixed parts with anything in between.
            const pattern = new RegExp(`^${[arg.head.text, ...arg.templateSpans.map((s) => s.literal.text)].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+")}$`);
            if (!keys.some((k) => pattern.test(k))) missing.push(`${where}: ${arg.getText(sf)}`);
          }
        }
        node.forEachChild(visit);
      });
    }
    expect(missing).toEqual([]);
  });
});

describe("the comment stripper", () => {
  const strip = (code: string) => withoutComments(ts.createSourceFile("x.tsx", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX));

  it("blanks // and /* */ comments, also inside JSX braces", () => {
    expect(CJK.test(strip("// 注释\nconst a = 1; /* 注释 */\nconst b = <p>{/* 注释 */}x</p>;"))).toBe(false);
  });

  it("keeps strings, templates and JSX text, even when they look like comments", () => {
    for (const code of ['const a = "// 中文";', "const a = `/* 中文 */`;", "const a = <p>// 中文</p>;", "const a = <p>中文</p>;", 'const a = <p title="中文" />;']) {
      expect(CJK.test(strip(code)), code).toBe(true);
    }
  });
});
