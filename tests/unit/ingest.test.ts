import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanText } from "@/lib/content/ingest/blocks";
import { ingestFile, MAX_POLICY_FILE_BYTES, metaFromFileName } from "@/lib/content/ingest/ingest-file";
import { parseManifest } from "@/lib/content/ingest/manifest";
import { sniffKind } from "@/lib/content/ingest/sniff";
import { structure } from "@/lib/content/ingest/structure";
import { makeDocx, makePdf, type PdfLine } from "../helpers/office-files";

const meta = { id: "travel-rules", title: "差旅费管理办法", line: "财务", owner: "财务部" };
const labels = (r: Awaited<ReturnType<typeof ingestFile>>) => r.parsed.sections.map((s) => s.label);
const section = (r: Awaited<ReturnType<typeof ingestFile>>, label: string) => r.parsed.sections.find((s) => s.label === label)!;

describe("labels as printed", () => {
  const para = (text: string) => ({ kind: "para" as const, text });
  const units = (texts: string[]) => {
    const md = structure(texts.map(para), "标题").body;
    return [...md.matchAll(/^#### (.*)$/gm)].map((m) => m[1]!.split(/[\s、]/)[0]);
  };

  it("takes 第X条 with any Chinese numeral as the unit, and keeps lower numbering inside it", () => {
    expect(units(["第一章　总则", "第一条　为了规范。", "（一）甲；", "（二）乙。", "第一百零一条　附则。", "第二十条 其他。"])).toEqual(["第一条", "第一百零一条", "第二十条"]);
  });

  it("takes 一、 when there are no articles, （一） when there is neither, and 1. / 1.1 / 3.1.2 otherwise", () => {
    expect(units(["一、总体要求", "正文。", "二、适用范围", "（一）甲。", "（二）乙。"])).toEqual(["一", "二"]);
    expect(units(["（一）甲。", "（二）乙。"])).toEqual(["（一）", "（二）"]);
    expect(units(["1. 总则。", "2. 报销。", "3 标准", "3.1 住宿费按城市标准。", "3.1.2 超标自付。"])).toEqual(["1", "2", "3.1", "3.1.2"]);
  });

  it("does not take dates, amounts or sentences that mention an annex for units", () => {
    expect(units(["2000年3月17日发布。", "12 月 31 日前报销。", "3.5元每公里。", "详见附件1的标准。", "第一条 正文。"])).toEqual(["第一条"]);
  });

  it("makes 附件N, 附表 and named tables units, and a bare 附录 above numbered annexes a heading", () => {
    expect(units(["第一条 正文。", "附件1 差旅费标准", "一、住宿", "附表", "税率表一", "1 不超过36000元的 3"])).toEqual(["第一条", "附件1", "税率表一"]);
  });
});

describe("cleaning text as the author wrote it", () => {
  it("removes the spaces PDF export puts between digits and Chinese, unifies widths, drops control characters", () => {
    expect(cleanText("每日工作 8 小时，每周工作 40 小时")).toBe("每日工作8小时，每周工作40小时");
    expect(cleanText("报销比例１００％ (含税):见下表")).toBe("报销比例100％（含税）：见下表");
    expect(cleanText("a\u0000b\u200bc")).toBe("abc");
    expect(cleanText("Word 2016 版本")).toBe("Word 2016版本");
  });
});

describe("file type by content", () => {
  it("recognises PDF, OLE Word, OOXML Word and text whatever the extension, and refuses binaries", async () => {
    expect(sniffKind(makePdf([[{ text: "第一条 正文。", y: 700 }]]))).toBe("pdf");
    expect(sniffKind(readFileSync(path.resolve("tests/fixtures/office/anti-unfair-competition-law.doc")))).toBe("doc");
    expect(sniffKind(await makeDocx([{ para: "第一条 正文。" }]))).toBe("docx");
    expect(sniffKind(Buffer.from("第一条 正文。"))).toBe("text");
    expect(sniffKind(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]))).toBeNull();
    await expect(ingestFile("renamed.docx", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]), meta)).rejects.toThrow(/renamed\.docx: is not a Word/);
    const pdfNamedTxt = await ingestFile("policy.txt", makePdf([[{ text: "第一条 出差须事先审批。", y: 700 }]]), meta);
    expect(pdfNamedTxt.kind).toBe("pdf");
  });
});

describe("PDF", () => {
  // Three pages with a running header, a footer with page numbers, lines broken mid-sentence,
  // spaces between digits and Chinese (as exported PDFs have them).
  const page = (n: number, body: PdfLine[]): PdfLine[] => [
    { text: "星河科技有限公司 制度汇编", y: 800, size: 9 },
    ...body,
    { text: `- ${n} -`, x: 290, y: 30, size: 9 },
  ];
  const pdf = makePdf([
    page(1, [
      { text: "差旅费管理办法", y: 740, size: 16 },
      { text: "第一章 总则", y: 700 },
      { text: "第一条 为规范公司差旅费管理，合理控制费用支出，根据国家有关规定，结合公", y: 676 },
      { text: "司实际，制定本办法。", y: 662 },
      { text: "第二条 员工出差乘坐火车或者飞机的，每日补助 100 元，住宿费按城市", y: 639 },
      { text: "标准据实报销。", y: 625 },
    ]),
    page(2, [
      { text: "第三条 出差结束后 10 个工作日内提交报销单并附票据，逾期不予", y: 760 },
      { text: "报销。", y: 746 },
    ]),
    page(3, [{ text: "第四条 本办法自发布之日起施行。", y: 760 }]),
  ]);

  it("rebuilds the articles: no page headers, footers or page numbers, broken lines joined, digits attached", async () => {
    const r = await ingestFile("差旅费管理办法.pdf", pdf, meta);
    expect(labels(r)).toEqual(["第一条", "第二条", "第三条", "第四条"]);
    expect(section(r, "第一条").text).toBe("为规范公司差旅费管理，合理控制费用支出，根据国家有关规定，结合公司实际，制定本办法。");
    expect(section(r, "第二条").text).toBe("员工出差乘坐火车或者飞机的，每日补助100元，住宿费按城市标准据实报销。");
    expect(section(r, "第三条").text).toBe("出差结束后10个工作日内提交报销单并附票据，逾期不予报销。");
    expect(section(r, "第一条").chapter).toBe("第一章 总则");
    expect(r.parsed.markdown).not.toMatch(/制度汇编|- \d -/);
  });

  it("refuses a PDF without a text layer, an encrypted one and a damaged one, each with its reason", async () => {
    await expect(ingestFile("扫描件.pdf", makePdf([[]]), meta)).rejects.toThrow(/扫描件\.pdf: the PDF has no text layer/);
    await expect(ingestFile("加密.pdf", makePdf([[{ text: "第一条 正文。", y: 700 }]], { encrypt: true }), meta)).rejects.toThrow(/加密\.pdf: the PDF is encrypted/);
    await expect(ingestFile("坏.pdf", Buffer.from("%PDF-1.4\n1 0 obj garbage"), meta)).rejects.toThrow(/坏\.pdf: (could not be read as a PDF|the PDF has no text layer)/);
  });

  it("reads a real exported PDF (国务院关于职工工作时间的规定)", async () => {
    const r = await ingestFile("x.pdf", readFileSync(path.resolve("tests/fixtures/office/working-hours-provisions.pdf")), { ...meta, title: "国务院关于职工工作时间的规定" });
    expect(labels(r)).toEqual(["第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条", "第八条", "第九条"]);
    expect(section(r, "第三条").text).toBe("职工每日工作8小时，每周工作40小时。");
  });
});

describe("Word", () => {
  it("reads .docx headings as chapters, articles as units, and table rows with their column headers", async () => {
    const docx = await makeDocx([
      { heading: 1, text: "差旅费管理办法" },
      { heading: 2, text: "第一章 总则" },
      { para: "第一条　为规范差旅费管理，制定本办法。" },
      { para: "第二条　住宿费标准见附件1。" },
      { heading: 2, text: "附件1 住宿费标准" },
      { table: [["城市", "总监及以上", "其他员工"], ["北京、上海", "800元/晚", "500元/晚"], ["其他城市", "500元/晚", "350元/晚"]] },
    ]);
    const r = await ingestFile("差旅费管理办法.docx", docx, meta);
    expect(labels(r)).toEqual(["第一条", "第二条", "附件1"]);
    expect(section(r, "第一条").chapter).toBe("第一章 总则");
    expect(section(r, "附件1").heading).toBe("附件1 住宿费标准");
    expect(section(r, "附件1").text).toContain("城市：北京、上海；总监及以上：800元/晚；其他员工：500元/晚");
    expect(section(r, "附件1").text).toContain("城市：其他城市；总监及以上：500元/晚；其他员工：350元/晚");
  });

  it("never fetches or keeps an external picture, and keeps markup out of the text", async () => {
    const picture = `<w:p><w:r><w:t>第三条　&lt;img src=x onerror=alert(1)&gt; 见图。</w:t></w:r></w:p>`;
    const r = await ingestFile("a.docx", await makeDocx([{ para: "第一条　正文。" }], picture), meta);
    expect(labels(r)).toEqual(["第一条", "第三条"]);
    // The text is kept literally (escaped for Markdown), and the renderer sanitizes as for any policy.
    expect(section(r, "第三条").text).toContain("\\<img src=x onerror=alert(1)\\>");
  });

  it("reads a real Word 97 .doc", async () => {
    const r = await ingestFile("a.doc", readFileSync(path.resolve("tests/fixtures/office/anti-unfair-competition-law.doc")), { ...meta, title: "中华人民共和国反不正当竞争法" });
    expect(labels(r)).toHaveLength(33);
    expect(labels(r)[0]).toBe("第一条");
    expect(section(r, "第一条").chapter).toMatch(/^第一章/);
  });

  it("refuses a damaged .docx with the file's name", async () => {
    const zipHeaderOnly = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("word/document.xml garbage")]);
    await expect(ingestFile("坏.docx", zipHeaderOnly, meta)).rejects.toThrow(/坏\.docx: could not be read as a Word \(\.docx\) document/);
  });
});

describe("text, metadata and limits", () => {
  it("reads GB18030 text files and numbered 一、 units with titles", async () => {
    // 第一条 加班须审批。 in GB18030, as Windows Notepad saves Chinese text.
    const gbk = Buffer.from("b5dad2bbccf520bcd3b0e0d0ebc9f3c5faa1a3", "hex");
    const fromGbk = await ingestFile("加班.txt", gbk, meta);
    expect(section(fromGbk, "第一条").text).toBe("加班须审批。");
    const text = "关于加班的通知\n\n一、加班审批\n\n加班须事先审批。\n\n二、调休\n\n加班可调休。\n";
    const r = await ingestFile("关于加班的通知.txt", Buffer.from(text), { ...meta, title: "关于加班的通知" });
    expect(labels(r)).toEqual(["一", "二"]);
    expect(section(r, "一").heading).toBe("一、加班审批");
    expect(section(r, "一").text).toBe("加班须事先审批。");
  });

  it("imports a file without a manifest row with its title from the file name, an id derived from it and a warning", async () => {
    const r = await ingestFile("印章管理规定.txt", Buffer.from("第一条 印章外借须登记。\n"), null);
    expect(r.parsed.frontmatter.title).toBe("印章管理规定");
    expect(r.parsed.frontmatter.id).toBe(metaFromFileName("印章管理规定.txt").id);
    expect(r.parsed.frontmatter.id).toMatch(/^doc-[0-9a-f]{8}$/);
    expect(r.warnings.join()).toMatch(/印章管理规定\.txt: no manifest row/);
  });

  it("refuses a file over the size cap before reading it", async () => {
    await expect(ingestFile("big.txt", new Uint8Array(MAX_POLICY_FILE_BYTES + 1), meta)).rejects.toThrow(/larger than 20 MB/);
  });

  it("validates manifest rows and names the row and field", () => {
    const csv = [
      "file,id,title,line,owner,effective,review",
      "a.docx,travel-rules,差旅费管理办法,财务,财务部,2025-01-01,2026-06-30",
      "b.docx,Travel Rules,标题,财务,财务部,,",
      "c.docx,c-rules,标题,财务,财务部,soon,",
      "a.docx,a-again,标题,财务,财务部,,",
      "d/../e.docx,e-rules,标题,财务,财务部,,",
    ].join("\n");
    const { rows, errors } = parseManifest(Buffer.from(csv));
    expect([...rows.keys()]).toEqual(["a.docx"]);
    expect(rows.get("a.docx")!.review).toBe("2026-06-30");
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/row 3 \[id\]: must be a lower-case ascii slug/),
      expect.stringMatching(/row 4 \[effective\]: must be a date/),
      expect.stringMatching(/row 5 \[file\]: "a\.docx" is already listed in row 2/),
      expect.stringMatching(/row 6 \[file\]: must be a file name/),
    ]);
  });
});
