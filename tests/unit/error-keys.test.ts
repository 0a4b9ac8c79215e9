// Error messages from lib/ are catalogue keys, not text (lib/errors.ts, lib/i18n/messages/errors.*.ts):
// no CJK string or template literal may be passed to a domain error's constructor (DomainError and every
// class extending it, found by the TypeScript parser), nor given to zod as a field message (the message
// argument of a schema method such as .min/.uuid/.refine, or a `message` / `error` property), in lib/.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
// Schema methods whose string argument is a field message (companyTimeInput and the label helpers take one too).
const MESSAGE_TAKERS = new Set(["min", "max", "length", "uuid", "regex", "refine", "email", "url", "int", "enum", "string", "number", "boolean", "array", "nonempty", "companyTimeInput"]);

const files = readdirSync(path.join(ROOT, "lib"), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts"))
  .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
  .filter((f) => !f.startsWith(path.join("lib", "i18n", "messages")))
  .sort();
const parsed = files.map((f) => ts.createSourceFile(f, readFileSync(path.join(ROOT, f), "utf8"), ts.ScriptTarget.Latest, true));

function walk(node: ts.Node, visit: (n: ts.Node) => void) {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

/** DomainError and every class in lib/ that extends one of them (to a fixed point). */
function domainErrorClasses(): Set<string> {
  const parents = new Map<string, string>();
  for (const sf of parsed) {
    walk(sf, (n) => {
      if (!ts.isClassDeclaration(n) || !n.name) return;
      const ext = n.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      if (ext && ts.isIdentifier(ext)) parents.set(n.name.text, ext.text);
    });
  }
  const found = new Set(["DomainError"]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of parents) if (found.has(parent) && !found.has(child)) grew = !!found.add(child);
  }
  return found;
}

const isCjkLiteral = (n: ts.Node) =>
  (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) && CJK.test(n.getText());
const where = (sf: ts.SourceFile, n: ts.Node) => `${sf.fileName}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1} ${n.getText(sf).slice(0, 60)}`;

// Problems found outside a domain verb that are shown to a reader (ADR 0005): the request-level checks
// (also answered by scripts/serve.ts), the org-file issues and webhook targets and deliveries. No CJK
// string or template literal at all in these files (comments aside): every text is a catalogue key.
const PROBLEM_FILES = [
  "lib/validation.ts",
  "scripts/serve.ts",
  "lib/org/parse-org-file.ts",
  "lib/org/validate-org.ts",
  "lib/org/org-issue.ts",
  "lib/org/preview-org-import.ts",
  "lib/org/apply-org-import.ts",
  "lib/notify/webhook-target.ts",
  "lib/notify/webhook.ts",
  "lib/notify/deliver-due.ts",
  "lib/notify/preferences.ts",
  "lib/notify/deliveries.ts",
];

describe("error messages in lib/ are catalogue keys", () => {
  const classes = domainErrorClasses();

  it("finds the domain error classes", () => {
    for (const c of ["ValidationError", "ForbiddenError", "NotFoundError", "ConflictError", "PreconditionError", "RateLimitedError", "OrgFileError"]) expect(classes).toContain(c);
  });

  it("passes no CJK literal to a domain error's constructor", () => {
    const offenders: string[] = [];
    for (const sf of parsed) {
      walk(sf, (n) => {
        if (!ts.isNewExpression(n) || !ts.isIdentifier(n.expression) || !classes.has(n.expression.text)) return;
        for (const arg of n.arguments ?? []) walk(arg, (inner) => isCjkLiteral(inner) && offenders.push(where(sf, inner)));
      });
    }
    expect(offenders).toEqual([]);
  });

  it("has no CJK literal in the request checks, the org-file checks and the webhook target and delivery code", () => {
    const offenders: string[] = [];
    for (const file of PROBLEM_FILES) {
      const sf = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
      walk(sf, (n) => isCjkLiteral(n) && offenders.push(where(sf, n)));
    }
    expect(offenders).toEqual([]);
  });

  it("gives zod no CJK literal as a field message", () => {
    const offenders: string[] = [];
    for (const sf of parsed) {
      walk(sf, (n) => {
        if (!isCjkLiteral(n) || !n.parent) return;
        const p = n.parent;
        // "…" as a method's argument, or { message: "…" } / { error: "…" } given to one (or to ctx.addIssue).
        const messageProperty = ts.isPropertyAssignment(p) && p.initializer === n && ts.isIdentifier(p.name) && ["message", "error"].includes(p.name.text);
        const arg = messageProperty ? p.parent.parent : n;
        const call = arg.parent;
        if (!call || !ts.isCallExpression(call) || !call.arguments.includes(arg as ts.Expression)) return;
        const name = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? call.expression.text : "";
        if (MESSAGE_TAKERS.has(name) || (messageProperty && name === "addIssue")) offenders.push(where(sf, n));
      });
    }
    expect(offenders).toEqual([]);
  });
});
