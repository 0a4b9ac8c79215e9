// The upload channels under attack (ADR 0010, "Round: upload parsers"): policy files and org files made
// to hurt the parsers behind them. Each must end in a refusal that names the file and why, or a correct
// import, within bounded time and memory: the portal parses in its own process, so a file that makes a
// reader allocate gigabytes or loop forever would take every user's requests down with it.
import { beforeAll, describe, expect, it } from "vitest";
import { zhText, ValidationError } from "@/lib/errors";
import { OrgFileError } from "@/lib/org/org-issue";
import { previewOrgImport } from "@/lib/org/preview-org-import";
import { uploadPolicyFile } from "@/lib/policies/policy-uploads";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeUser } from "../helpers/factories";
import { oleWithSectorCycle, pdfListingOnePage, withPaddedPart, withParts } from "../helpers/hostile-files";
import { makeDocx } from "../helpers/office-files";
import { xlsxOf } from "../helpers/org-files";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
type U = Awaited<ReturnType<typeof makeUser>>;
let owner: U;
let admin: U;

beforeAll(async () => {
  const dept = await makeDepartment(t.db, { name: "行政部" });
  await makeLine(t.db, { policyOwnerDeptId: dept.id });
  owner = await makeUser(t.db, { roles: ["EMPLOYEE", "POLICY_OWNER"], departmentId: dept.id });
  admin = await makeUser(t.db, { roles: ["EMPLOYEE", "ADMIN"] });
});

const policyDocx = () => makeDocx([{ heading: 1, text: "印章管理办法" }, { para: "第一条　公章外借须登记。" }]);

/** Runs one parse; answers its time and how far it raised the process's peak memory. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T | unknown; ms: number; peakGrowthMb: number }> {
  const peakBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  const result = await work().catch((e: unknown) => e);
  return { result, ms: performance.now() - started, peakGrowthMb: (process.resourceUsage().maxRSS - peakBefore) / 1024 };
}

async function policyRefusal(fileName: string, bytes: Uint8Array): Promise<string> {
  const { result, ms, peakGrowthMb } = await measured(() => uploadPolicyFile(ctxOf(t.db, owner), { fileName, bytes }));
  expect(result).toBeInstanceOf(ValidationError);
  expect(ms).toBeLessThan(10_000);
  expect(peakGrowthMb).toBeLessThan(300);
  const fields = (result as ValidationError).fields;
  return fields.file ?? fields.fileName ?? JSON.stringify(fields);
}

async function orgIssues(name: string, bytes: Buffer): Promise<string[]> {
  const ctx = ctxOf(t.db, admin);
  const { result, ms, peakGrowthMb } = await measured(() => previewOrgImport(ctx, { files: [{ name, bytes }], full: false }));
  expect(result).toBeInstanceOf(OrgFileError);
  expect(ms).toBeLessThan(10_000);
  expect(peakGrowthMb).toBeLessThan(300);
  return (result as OrgFileError).issues.map((i) => `${i.sheet} ${i.row}: ${zhText(i.message)}`);
}

describe("zips: Word and Excel files are checked before a reader inflates them", () => {
  it("a .docx of a few hundred KB that expands to 160 MB is refused unread", async () => {
    const bomb = await withPaddedPart(await policyDocx(), "word/document.xml", 160);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(await policyRefusal("炸弹.docx", bomb)).toMatch(/^炸弹\.docx: .*expands to more than 100 MB/);
  });

  it("a .docx with thousands of parts, and one whose part climbs out of the archive, are refused", async () => {
    const many = await withParts(await policyDocx(), Array.from({ length: 3000 }, (_, i) => `word/media/p${i}.xml`));
    expect(await policyRefusal("多部件.docx", many)).toMatch(/more than 2000 parts/);
    const climbing = await withParts(await policyDocx(), ["../../etc/cron.d/evil"]);
    expect(await policyRefusal("越界.docx", climbing)).toMatch(/damaged or not what it seems \(invalid relative path/);
  });

  it("an .xlsx org file that expands to 160 MB is refused, naming the file", async () => {
    const bomb = await withPaddedPart(await xlsxOf({ 人员: [["邮箱", "姓名"]] }), "xl/worksheets/sheet1.xml", 160);
    expect(await orgIssues("org.xlsx", bomb)).toEqual(["org.xlsx 1: Excel 文件解压后超过 100 MB，未读取即拒绝"]);
  });

  it("an ordinary .docx still reads", async () => {
    const preview = await uploadPolicyFile(ctxOf(t.db, owner), { fileName: "印章管理办法.docx", bytes: await policyDocx() });
    expect(preview.units.map((u) => u.label)).toEqual(["第一条"]);
  });
});

describe("legacy Word: a compound file whose sector chain loops", () => {
  it("is refused as damaged instead of looping until the process runs out of memory", async () => {
    expect(await policyRefusal("循环.doc", oleWithSectorCycle())).toMatch(/^循环\.doc: could not be read as a Word 97–2003 \(\.doc\) document.*loops back/);
  });

  it("a 2 KB file declaring a million FAT sectors is refused before the reader allocates for them", async () => {
    expect(await policyRefusal("巨表.doc", oleWithSectorCycle(1_000_000))).toMatch(/^巨表\.doc: .*declares more FAT sectors than it holds/);
  });
});

describe("PDF", () => {
  // Without the page cap this file kept pdf.js busy for 50–89 s (its text layer is empty: it ended "no text").
  it("a 120 KB PDF listing one page 20,000 times is refused by its page count", { timeout: 30_000 }, async () => {
    expect(await policyRefusal("页数.pdf", pdfListingOnePage(20_000))).toBe("页数.pdf: the PDF has 20000 pages; at most 2000 are read");
  });
});

describe("file names and types", () => {
  it("a name with a path, a control character, a direction override or 1,000 characters is refused, naming the field", async () => {
    const bytes = await policyDocx();
    for (const [fileName, why] of [
      ["../../印章管理办法.docx", "文件名不能包含路径"],
      ["印章\\管理办法.docx", "文件名不能包含路径"],
      ["印章\u0007管理办法.docx", "控制字符"],
      ["印章\u0085管理办法.docx", "控制字符"],
      ["印章管理办法\u202excod.pdf", "文字方向控制符"],
      [`${"长".repeat(1000)}.docx`, "文件名过长"],
    ] as const) {
      expect({ fileName, refusal: await policyRefusal(fileName, bytes) }).toEqual({ fileName, refusal: expect.stringContaining(why) });
    }
  });

  it("an org file's name is held to the same rule: it is the place its issues are shown under", async () => {
    const err = await previewOrgImport(ctxOf(t.db, admin), { files: [{ name: "people\u202ev sc.csv", bytes: Buffer.from("邮箱,姓名\n") }], full: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ fileName: "文件名不能包含路径、控制字符或文字方向控制符" });
  });

  it("the type is the content's: a PDF named .docx is read as a PDF, a renamed executable is refused", async () => {
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(1000)]);
    expect(await policyRefusal("报销制度.docx", exe)).toMatch(/^报销制度\.docx: is not a Word .* \(decided by its content, not its name\)/);
  });
});
