// Publishing policies in the browser, at the domain layer on a real PostgreSQL: scope per 条线, dry-run
// previews that write nothing, versions with the original file and an audit row, races between publishers.
import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { uploadPolicyFile } from "@/lib/policies/policy-uploads";
import { publishPolicy, PUBLISH_ACTION } from "@/lib/policies/publish-policy";
import { retirePolicy, RETIRE_ACTION } from "@/lib/policies/retire-policy";
import { policyFreshness } from "@/lib/policies/freshness";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeUser } from "../helpers/factories";
import { makeDocx } from "../helpers/office-files";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

type U = Awaited<ReturnType<typeof makeUser>>;
let owner: U;
let otherOwner: U;
let employee: U;
let admin: U;
let lineName: string;
let otherLineName: string;

const rulesDocx = (second: string) =>
  makeDocx([
    { heading: 1, text: "印章管理办法" },
    { para: "第一条　为规范印章使用，制定本办法。" },
    { para: `第二条　${second}` },
    { para: "第三条　本办法自发布之日起施行。" },
  ]);

const meta = (policyId: string, extra: Record<string, unknown> = {}) => ({ policyId, title: "印章管理办法", line: lineName, owner: "行政部", effective: "2026-01-01", review: "2027-06-30", ...extra });

beforeAll(async () => {
  const dept = await makeDepartment(t.db, { name: "行政部" });
  const otherDept = await makeDepartment(t.db);
  const line = await makeLine(t.db, { policyOwnerDeptId: dept.id });
  const other = await makeLine(t.db, { policyOwnerDeptId: otherDept.id });
  lineName = line.name;
  otherLineName = other.name;
  owner = await makeUser(t.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: dept.id });
  otherOwner = await makeUser(t.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: otherDept.id });
  employee = await makeUser(t.db, { roles: ["EMPLOYEE"], departmentId: dept.id });
  admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
});

async function upload(user: U, bytes: Uint8Array, fileName = "印章管理办法.docx") {
  return uploadPolicyFile(ctxOf(t.db, user), { fileName, bytes });
}

describe("upload and preview", () => {
  it("answers the units understood and keeps the file for the preview; an employee may not upload", async () => {
    const preview = await upload(owner, await rulesDocx("公章外借须登记。"));
    expect(preview.kind).toBe("docx");
    expect(preview.units.map((u) => u.label)).toEqual(["第一条", "第二条", "第三条"]);
    expect(preview.suggestedTitle).toBe("印章管理办法");
    expect(await t.db.policyUpload.count({ where: { id: preview.uploadId, uploaderId: owner.id } })).toBe(1);
    await expect(upload(employee, await rulesDocx("x。"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses a file it cannot read with the reason, and keeps nothing", async () => {
    const before = await t.db.policyUpload.count();
    const err = await upload(owner, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]), "程序.docx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields.file).toMatch(/程序\.docx: is not a Word/);
    expect(await t.db.policyUpload.count()).toBe(before);
  });
});

describe("publish", () => {
  it("a dry run previews and writes nothing; publishing stores version, original file, who, review date and an audit row", async () => {
    const { uploadId } = await upload(owner, await rulesDocx("公章外借须登记。"));
    const dry = await publishPolicy(ctxOf(t.db, owner), { uploadId, ...meta("seal-rules"), dryRun: true });
    expect(dry).toMatchObject({ published: false, isNew: true, version: 1, diff: null });
    expect(await t.db.policy.count({ where: { id: "seal-rules" } })).toBe(0);

    const done = await publishPolicy(ctxOf(t.db, owner), { uploadId, ...meta("seal-rules"), note: "首次发布", expectedVersion: 0 });
    expect(done).toMatchObject({ published: true, version: 1 });
    const policy = await t.db.policy.findUniqueOrThrow({ where: { id: "seal-rules" }, include: { currentVersion: { include: { sections: true } } } });
    expect(policy.reviewDueAt?.toISOString().slice(0, 10)).toBe("2027-06-30");
    expect(policy.currentVersion!.publishedById).toBe(owner.id);
    expect(policy.currentVersion!.originalName).toBe("印章管理办法.docx");
    expect(Buffer.from(policy.currentVersion!.originalFile!).subarray(0, 2).toString()).toBe("PK");
    expect(policy.currentVersion!.sections).toHaveLength(3);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: PUBLISH_ACTION, target: "seal-rules" } });
    expect(audit.actorId).toBe(owner.id);
    expect(audit.data).toMatchObject({ version: 1, fileName: "印章管理办法.docx", note: "首次发布" });
    // The upload is consumed.
    await expect(publishPolicy(ctxOf(t.db, owner), { uploadId, ...meta("seal-rules") })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a second version's preview says which articles changed, and publishing over a newer version is refused", async () => {
    const { uploadId } = await upload(owner, await rulesDocx("公章外借须经部门负责人批准并登记。"));
    const dry = await publishPolicy(ctxOf(t.db, owner), { uploadId, ...meta("seal-rules"), dryRun: true });
    expect(dry.version).toBe(2);
    expect(dry.diff!.unchanged).toBe(2);
    expect(dry.diff!.changes).toEqual([expect.objectContaining({ kind: "changed", label: "第二条" })]);
    const change = dry.diff!.changes[0]!;
    expect(change.kind === "changed" && change.parts.filter((p) => p.kind === "added").map((p) => p.text).join("")).toContain("经部门负责人批准并");
    await expect(publishPolicy(ctxOf(t.db, owner), { uploadId, ...meta("seal-rules"), expectedVersion: 0 })).rejects.toThrow(/已被更新为 v1/);
    expect((await publishPolicy(ctxOf(t.db, owner), { uploadId, ...meta("seal-rules"), expectedVersion: 1 })).version).toBe(2);
  });

  it("stops at the owner's 条线: another line, another line's policy, an unknown line", async () => {
    const { uploadId } = await upload(otherOwner, await rulesDocx("x。"));
    await expect(publishPolicy(ctxOf(t.db, otherOwner), { uploadId, ...meta("seal-rules", { line: otherLineName }) })).rejects.toThrow(/只能替换本条线的制度/);
    await expect(publishPolicy(ctxOf(t.db, otherOwner), { uploadId, ...meta("other-rules") })).rejects.toThrow(/只能发布本条线的制度/);
    const unknown = await publishPolicy(ctxOf(t.db, otherOwner), { uploadId, ...meta("other-rules", { line: "不存在的条线" }) }).catch((e: unknown) => e);
    expect((unknown as ValidationError).fields).toEqual({ line: "未知条线“不存在的条线”" });
    // Someone else's upload is not theirs to publish, even for an admin.
    await expect(publishPolicy(ctxOf(t.db, admin), { uploadId, ...meta("other-rules") })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("names the wrong field: bad id, date, empty title", async () => {
    const { uploadId } = await upload(owner, await rulesDocx("x。"));
    const err = (await publishPolicy(ctxOf(t.db, owner), { uploadId, ...meta("Seal Rules", { review: "明年", title: "" }) }).catch((e: unknown) => e)) as ValidationError;
    expect(Object.keys(err.fields).sort()).toEqual(["policyId", "review", "title"]);
  });

  it("parallel publishes of one policy by two owners of its line: versions stay consecutive, the loser gets 409", async () => {
    const colleague = await makeUser(t.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: owner.departmentId });
    const before = (await t.db.policy.findUniqueOrThrow({ where: { id: "seal-rules" }, include: { currentVersion: true } })).currentVersion!.version;
    for (let round = 0; round < 5; round++) {
      const a = await upload(owner, await rulesDocx(`甲版本 ${round}。`));
      const b = await upload(colleague, await rulesDocx(`乙版本 ${round}。`));
      const results = await Promise.allSettled([
        publishPolicy(ctxOf(t.db, owner), { uploadId: a.uploadId, ...meta("seal-rules") }),
        publishPolicy(ctxOf(t.db, colleague), { uploadId: b.uploadId, ...meta("seal-rules") }),
      ]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const f of failed) expect(f.reason).toBeInstanceOf(ConflictError);
    }
    const versions = (await t.db.policyVersion.findMany({ where: { policyId: "seal-rules" }, orderBy: { version: "asc" } })).map((v) => v.version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    expect(versions.length).toBeGreaterThanOrEqual(before + 5);
    const audits = await t.db.auditLog.count({ where: { action: PUBLISH_ACTION, target: "seal-rules" } });
    expect(audits).toBe(versions.length);
  });

  it("the same upload published twice at once becomes one version", async () => {
    const { uploadId } = await upload(owner, await rulesDocx("双击。"));
    const before = await t.db.policyVersion.count({ where: { policyId: "seal-rules" } });
    const results = await Promise.allSettled([1, 2, 3].map(() => publishPolicy(ctxOf(t.db, owner), { uploadId, ...meta("seal-rules") })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.policyVersion.count({ where: { policyId: "seal-rules" } })).toBe(before + 1);
  });
});

describe("retire and freshness", () => {
  it("retires once with a reason and an audit row; a second retire is a conflict; another line's owner is refused", async () => {
    await expect(retirePolicy(ctxOf(t.db, otherOwner), { policyId: "seal-rules", reason: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    const results = await Promise.allSettled([1, 2, 3].map(() => retirePolicy(ctxOf(t.db, owner), { policyId: "seal-rules", reason: "已被新制度取代" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    const policy = await t.db.policy.findUniqueOrThrow({ where: { id: "seal-rules" } });
    expect(policy.status).toBe("ARCHIVED");
    expect(policy.retiredAt).not.toBeNull();
    expect(await t.db.auditLog.count({ where: { action: RETIRE_ACTION, target: "seal-rules" } })).toBe(1);
  });

  it("reports a passed review date and a revision mark, in company days", async () => {
    await t.db.policy.update({ where: { id: "seal-rules" }, data: { reviewDueAt: new Date("2026-12-06T00:00:00Z"), needsRevision: false } });
    // 2026-12-06 23:30 UTC is already 12-07 in Shanghai: the review date has passed there.
    const late = (await policyFreshness(t.db, ["seal-rules"], new Date("2026-12-06T23:30:00Z"))).get("seal-rules");
    expect(late).toEqual({ reviewOverdueSince: "2026-12-06", needsRevision: false });
    const onTheDay = (await policyFreshness(t.db, ["seal-rules"], new Date("2026-12-06T10:00:00Z"))).get("seal-rules");
    expect(onTheDay).toEqual({ reviewOverdueSince: null, needsRevision: false });
  });
});
