// The upload routes against the production build: files made to crash or stall the parsers (ADR 0010,
// "Round: upload parsers") are answered 400 naming the file, and the portal keeps answering. The parsers
// run in the portal's own process, so a .doc whose sector chain loops used to end the whole server; this
// also proves the word-extractor fix reaches the bundled reader, not only the one tests import.
import { beforeAll, describe, expect, it } from "vitest";
import { usePortal } from "../helpers/browser";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";
import { oleWithSectorCycle, pdfListingOnePage, withPaddedPart } from "../helpers/hostile-files";
import { HttpClient } from "../helpers/http";
import { makeDocx, makePdf } from "../helpers/office-files";

const h = usePortal();
let admin: HttpClient;

beforeAll(async () => {
  const adminUser = await makeUser(h.db, { roles: ["EMPLOYEE", "ADMIN"], password: TEST_PASSWORD });
  admin = new HttpClient(h.base);
  expect((await admin.signIn(adminUser.email, TEST_PASSWORD)).status).toBe(200);
});

async function uploadPolicy(fileName: string, bytes: Uint8Array) {
  const started = performance.now();
  const res = await admin.post("/api/policy-uploads", bytes, { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(fileName) });
  const body = (await res.json()) as { error?: { fields?: Record<string, string> } };
  return { status: res.status, file: body.error?.fields?.file ?? "", ms: performance.now() - started };
}

describe("policy uploads that attack the parsers", () => {
  it("a looping .doc, a .doc counting a million FAT sectors, a zip bomb and a 20,000-page PDF: 400 each, and the portal lives", async () => {
    const docx = await makeDocx([{ para: "第一条　公章外借须登记。" }]);
    const cases = [
      ["循环.doc", oleWithSectorCycle(), /loops back/],
      ["巨表.doc", oleWithSectorCycle(1_000_000), /declares more FAT sectors/],
      ["炸弹.docx", await withPaddedPart(docx, "word/document.xml", 160), /expands to more than 100 MB/],
      ["页数.pdf", pdfListingOnePage(20_000), /20000 pages/],
    ] as const;
    for (const [name, bytes, why] of cases) {
      const r = await uploadPolicy(name, bytes);
      expect({ name, status: r.status, file: r.file }).toEqual({ name, status: 400, file: expect.stringMatching(why) });
      expect(r.ms).toBeLessThan(10_000);
    }
    expect((await admin.get("/api/health")).status).toBe(200);
  });

  // The built portal bundled pdf.js, which then looked for its worker beside the bundle: every PDF failed.
  it("an ordinary PDF is read by the built portal", async () => {
    const pdf = makePdf([[{ text: "印章管理规定", y: 760, size: 16 }, { text: "第一条 公章外借须经行政部负责人审批。", y: 720 }]]);
    const res = await admin.post("/api/policy-uploads", pdf, { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent("印章管理规定.pdf") });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { units: { label: string }[] }).units.map((u) => u.label)).toEqual(["第一条"]);
  });
});
