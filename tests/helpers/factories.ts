// Test data with unique codes and e-mails; each test makes what it needs, never relying on seeds.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Db, DbTx } from "@/lib/db/client";
import { importPolicies } from "@/lib/content/import-policies";
import type { DepartmentKind, Role } from "@/lib/db/generated/enums";
import { hashPassword } from "@/lib/auth/password";
import { uploadPolicyFile } from "@/lib/policies/policy-uploads";
import { publishPolicy } from "@/lib/policies/publish-policy";
import { ctxOf } from "./actors";
import { makeDocx } from "./office-files";
import { withTempDir } from "./temp-dir";

export const TEST_PASSWORD = "Test#Password-2026";

const unique = () => randomBytes(5).toString("hex");

// scrypt costs ~80 ms a hash: hash each distinct password once per process and reuse it.
const hashes = new Map<string, Promise<string>>();
export function passwordHashFor(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

export async function makeDepartment(
  db: DbTx,
  input: { name?: string; code?: string; kind?: DepartmentKind; parentId?: string | null; managerId?: string | null } = {},
) {
  const id = unique();
  return db.department.create({
    data: {
      code: input.code ?? `dept-${id}`,
      name: input.name ?? `测试部门 ${id}`,
      kind: input.kind ?? "DEPARTMENT",
      parentId: input.parentId ?? null,
      managerId: input.managerId ?? null,
    },
  });
}

export async function makeUser(
  db: DbTx,
  input: {
    roles?: Role[];
    departmentId?: string | null;
    /** Omit for a user without a password (SSO-only); pass TEST_PASSWORD for one who signs in. */
    password?: string;
    email?: string;
    name?: string;
    disabled?: boolean;
  } = {},
) {
  const id = unique();
  const user = await db.user.create({
    data: {
      email: (input.email ?? `user-${id}@test.example`).toLowerCase(),
      name: input.name ?? `测试用户 ${id}`,
      roles: input.roles ?? ["EMPLOYEE"],
      departmentId: input.departmentId ?? null,
      passwordHash: input.password ? await passwordHashFor(input.password) : null,
      disabledAt: input.disabled ? new Date() : null,
    },
  });
  return { ...user, password: input.password };
}

export async function makeLine(
  db: DbTx,
  input: { name?: string; code?: string; policyOwnerDeptId?: string | null; ownerIds?: string[] } = {},
) {
  const id = unique();
  const line = await db.businessLine.create({
    data: {
      code: input.code ?? `line-${id}`,
      name: input.name ?? `测试条线 ${id}`,
      policyOwnerDeptId: input.policyOwnerDeptId ?? null,
    },
  });
  for (const userId of input.ownerIds ?? []) {
    await db.responsibilityAssignment.create({ data: { lineId: line.id, userId } });
  }
  return line;
}

/**
 * An ask session in which the user searched (the server files a question only from one): the
 * session and one logged search, as /api/ask/suggest records them.
 */
export async function makeSearchedAskSession(db: DbTx, userId: string, input: { at?: Date; query?: string } = {}) {
  const at = input.at ?? new Date();
  const session = await db.askSession.create({ data: { userId, startedAt: at, lastActivityAt: at } });
  await db.searchQuery.create({ data: { userId, askSessionId: session.id, query: input.query ?? "测试检索", resultCount: 0, latencyMs: 1, createdAt: at } });
  return session;
}

/**
 * A policy of a 条线 imported through the real importer (so it has its sections and version 1),
 * not indexed in Meilisearch. `body` is the Markdown after the front matter; the default has one 条.
 */
export async function makePolicy(
  db: Db,
  input: { lineName: string; ownerName: string; id?: string; title?: string; body?: string },
): Promise<{ id: string; title: string }> {
  const id = input.id ?? `test-policy-${unique()}`;
  const title = input.title ?? `测试制度 ${id}`;
  const body = input.body ?? `# ${title}\n\n#### 第一条\n\n本制度用于测试。\n`;
  await withTempDir("shouwen-policy-", async (dir) => {
    const front = `---\nid: "${id}"\ntitle: "${title}"\nline: "${input.lineName}"\nowner: "${input.ownerName}"\nsource: "测试"\neffective: "2025-01-01"\n---\n`;
    writeFileSync(path.join(dir, `${id}.md`), front + body);
    const report = await importPolicies(db, dir);
    if (report.failed.length) throw new Error(`makePolicy: ${JSON.stringify(report.failed)}`);
  });
  return { id, title };
}

/**
 * A 条线 with its own people: a policy-owner department with one policy owner (POLICY_OWNER) in it, and
 * `owners` first-contact owners in the responsibility matrix, assigned in order (so with equal loads
 * routing picks the first: the longest-standing assignment). Names carry `tag`, unique per run.
 */
export async function makeStaffedLine(db: DbTx, input: { tag: string; owners?: number; password?: string }) {
  const { tag, password } = input;
  const dept = await makeDepartment(db, { name: `归口部门${tag}` });
  const policyOwner = await makeUser(db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: dept.id, password, name: `制度负责人${tag}` });
  const owners = [];
  for (let i = 1; i <= (input.owners ?? 1); i++) {
    owners.push(await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id, password, name: `首问责任人${i}号${tag}` }));
  }
  const line = await makeLine(db, { name: `测试条线${tag}`, policyOwnerDeptId: dept.id, ownerIds: owners.map((o) => o.id) });
  return { line, dept, policyOwner, owners };
}

/**
 * A policy published by a policy owner through the verbs behind /policies/publish (upload a Word file,
 * then publish it), one paragraph per article (e.g. "第一条　…"). Not synced to Meilisearch: the
 * portal's own ranking reads PostgreSQL; sync the index where a test needs it.
 */
export async function publishPolicyAs(
  db: Db,
  publisher: Parameters<typeof ctxOf>[1],
  input: { line: string; owner: string; title: string; articles: string[]; policyId?: string; review?: string },
): Promise<{ id: string; title: string }> {
  const ctx = ctxOf(db, publisher);
  const file = await makeDocx([{ heading: 1, text: input.title }, ...input.articles.map((para) => ({ para }))]);
  const { uploadId } = await uploadPolicyFile(ctx, { fileName: `${input.title}.docx`, bytes: file });
  const id = input.policyId ?? `test-policy-${unique()}`;
  const published = await publishPolicy(ctx, { uploadId, policyId: id, title: input.title, line: input.line, owner: input.owner, effective: "2025-01-01", review: input.review ?? null });
  if (!published.published || published.units.length !== input.articles.length) throw new Error(`publishPolicyAs: ${JSON.stringify(published.units.map((u) => u.label))}`);
  return { id, title: input.title };
}
