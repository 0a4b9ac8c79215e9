// A company's policy folder as it really is: Word, legacy Word, PDF and text files with a manifest.csv,
// imported into a real PostgreSQL and found through the real Meilisearch index.
import { copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importPolicies, type ImportReport } from "@/lib/content/import-policies";
import { searchClauses } from "@/lib/search/search-clauses";
import { syncIndex } from "@/lib/search/sync-index";
import { makeDocx, makePdf } from "../helpers/office-files";
import { tempDirForTest, useTempDir } from "../helpers/temp-dir";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const tmp = useTempDir("shouwen-office-");

const MANIFEST_HEADER = "file,id,title,line,owner,effective,review";
const travelDocx = (lodgingBeijing: string) =>
  makeDocx([
    { heading: 1, text: "差旅费管理办法" },
    { heading: 2, text: "第一章 总则" },
    { para: "第一条　为规范差旅费管理，制定本办法。" },
    { para: "第二条　住宿费按附件1的标准据实报销，超出部分由个人承担。" },
    { heading: 2, text: "附件1 住宿费标准" },
    { table: [["城市", "总监及以上", "其他员工"], ["北京、上海", lodgingBeijing, "500元/晚"], ["其他城市", "500元/晚", "350元/晚"]] },
  ]);

beforeAll(async () => {
  writeFileSync(path.join(tmp.path, "差旅费管理办法.docx"), await travelDocx("800元/晚"));
  copyFileSync(path.resolve("tests/fixtures/office/anti-unfair-competition-law.doc"), path.join(tmp.path, "中华人民共和国反不正当竞争法.doc"));
  writeFileSync(
    path.join(tmp.path, "印章管理规定.pdf"),
    makePdf([
      [
        { text: "印章管理规定", y: 760, size: 16 },
        { text: "第一条 公章外借须经行政部负责人审批，并在印章使用登记簿上登记借用人、", y: 720 },
        { text: "事由和归还时间。", y: 706 },
        { text: "第二条 印章遗失的，应当在 24 小时内报告行政部。", y: 683 },
      ],
    ]),
  );
  writeFileSync(path.join(tmp.path, "加班管理规定.txt"), "加班管理规定\n\n第一条 加班须事先在系统中申请并经直属上级批准。\n\n第二条 加班优先安排调休。\n");
  writeFileSync(
    path.join(tmp.path, "manifest.csv"),
    [
      MANIFEST_HEADER,
      "差旅费管理办法.docx,travel-rules,差旅费管理办法,财务,财务部,2025-01-01,2026-06-30",
      "中华人民共和国反不正当竞争法.doc,anti-unfair-competition-law,中华人民共和国反不正当竞争法,合规,法务合规部,2019-04-23,",
      "印章管理规定.pdf,seal-rules,印章管理规定,行政,行政部,2025-03-01,",
    ].join("\n"),
  );
});

describe("importing a folder of office files", () => {
  let first: ImportReport;
  beforeAll(async () => {
    first = await importPolicies(t.db, tmp.path);
  });

  it("imports every format, with the manifest's metadata, and a file without a row under its own name", async () => {
    expect(first.failed).toEqual([]);
    const noRow = (await t.db.policy.findFirstOrThrow({ where: { title: "加班管理规定" } })).id;
    expect(first.created.sort()).toEqual(["anti-unfair-competition-law", "seal-rules", "travel-rules", noRow].sort());
    expect(first.warnings).toEqual([expect.stringMatching(/加班管理规定\.txt: no manifest row/)]);
    const travel = await t.db.policy.findUniqueOrThrow({ where: { id: "travel-rules" }, include: { line: true, currentVersion: { include: { sections: { orderBy: { ordinal: "asc" } } } } } });
    expect(travel.line.name).toBe("财务");
    expect(travel.ownerName).toBe("财务部");
    expect(travel.currentVersion!.sections.map((s) => s.label)).toEqual(["第一条", "第二条", "附件1"]);
    const seal = await t.db.policySection.findMany({ where: { policyId: "seal-rules" }, orderBy: { ordinal: "asc" } });
    expect(seal.map((s) => [s.label, s.text])).toEqual([
      ["第一条", "公章外借须经行政部负责人审批，并在印章使用登记簿上登记借用人、事由和归还时间。"],
      ["第二条", "印章遗失的，应当在24小时内报告行政部。"],
    ]);
    expect(await t.db.policySection.count({ where: { policyId: "anti-unfair-competition-law" } })).toBe(33);
  });

  it("finds a table row by its row and column headers, and the article by everyday words", async () => {
    await syncIndex(t.db, { prefix: t.indexPrefix, config: t.meili });
    const deps = { db: t.db, meili: { prefix: t.indexPrefix, config: t.meili } };
    const lodging = await searchClauses(deps, { q: "北京 总监 住宿费标准", limit: 5 });
    expect(lodging.hits.slice(0, 3).map((h) => `${h.policyId}#${h.label}`)).toContain("travel-rules#附件1");
    const seal = await searchClauses(deps, { q: "公章外借要审批吗", limit: 5 });
    expect(seal.hits.slice(0, 3).map((h) => `${h.policyId}#${h.label}`)).toContain("seal-rules#第一条");
  });

  it("skips unchanged files and stores a changed file as a new version", async () => {
    const again = await importPolicies(t.db, tmp.path);
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toHaveLength(4);
    writeFileSync(path.join(tmp.path, "差旅费管理办法.docx"), await travelDocx("900元/晚"));
    const changed = await importPolicies(t.db, tmp.path);
    expect(changed.updated).toEqual(["travel-rules"]);
    const annex = await t.db.policy.findUniqueOrThrow({ where: { id: "travel-rules" }, include: { currentVersion: { include: { sections: true } } } });
    expect(annex.currentVersion!.version).toBe(2);
    expect(annex.currentVersion!.sections.find((s) => s.label === "附件1")!.text).toContain("总监及以上：900元/晚");
  });
});

describe("bad files lose nothing", () => {
  it("names each bad file (and manifest row and field), imports the others, stores nothing of the bad ones", async () => {
    const bad = tempDirForTest("shouwen-office-bad-");
    writeFileSync(path.join(bad, "好的制度.txt"), "第一条 好的内容。\n");
    writeFileSync(path.join(bad, "扫描件.pdf"), makePdf([[]]));
    writeFileSync(path.join(bad, "加密.pdf"), makePdf([[{ text: "第一条 正文。", y: 700 }]], { encrypt: true }));
    writeFileSync(path.join(bad, "损坏.docx"), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("word/ broken")]));
    writeFileSync(path.join(bad, "程序.doc"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]));
    writeFileSync(path.join(bad, "重复条款.txt"), "第一条 甲。\n第一条 乙。\n");
    writeFileSync(
      path.join(bad, "manifest.csv"),
      [
        MANIFEST_HEADER,
        "好的制度.txt,good-rules,好的制度,行政,行政部,2025-01-01,",
        "不存在.docx,missing-file,不存在,行政,行政部,,",
        "扫描件.pdf,Bad Id,扫描件,行政,行政部,,",
      ].join("\n"),
    );
    const before = await t.db.policy.count();
    const report = await importPolicies(t.db, bad);
    expect(report.created).toEqual(["good-rules"]);
    expect(await t.db.policy.count()).toBe(before + 1);
    const errors = report.failed.map((f) => f.error);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.csv row 4 \[id\]: must be a lower-case ascii slug/),
        expect.stringMatching(/^manifest\.csv row 3 \[file\]: "不存在\.docx" is not in the folder/),
        expect.stringMatching(/^扫描件\.pdf: the PDF has no text layer/),
        expect.stringMatching(/^加密\.pdf: the PDF is encrypted/),
        expect.stringMatching(/^损坏\.docx: could not be read as a Word \(\.docx\) document/),
        expect.stringMatching(/^程序\.doc: is not a Word/),
        expect.stringMatching(/^重复条款\.txt(:\d+)?: the heading "第一条" appears twice/),
      ]),
    );
    expect(report.failed).toHaveLength(7);
  });
});
