// Real office files made in the test, so each case says exactly what the file holds.
// makePdf writes a PDF 1.4 by hand: a Type0 font (Identity-H, not embedded) whose ToUnicode CMap maps
// each glyph id to its character, which is how exported Chinese PDFs carry their text. makeDocx zips the
// four parts Word needs (content types, relationships, styles, document).
import JSZip from "jszip";

export interface PdfLine {
  text: string;
  /** Distance from the left edge, points (default 72). */
  x?: number;
  /** Baseline from the bottom edge, points. */
  y: number;
  size?: number;
}

export function makePdf(pages: PdfLine[][], options: { encrypt?: boolean } = {}): Buffer {
  const chars = [...new Set(pages.flat().flatMap((l) => [...l.text]))];
  const cid = (c: string) => chars.indexOf(c) + 1;
  const hex = (n: number) => n.toString(16).padStart(4, "0");
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) ; // object number = index + 1
  const toUnicode = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
    "/CMapName /Shouwen-UCS def /CMapType 2 def",
    "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ...chunk(chars, 100).flatMap((group) => [
      `${group.length} beginbfchar`,
      ...group.map((c) => `<${hex(cid(c))}> <${[...Buffer.from(c, "utf16le")].reduce((s, b, i, a) => (i % 2 ? s : s + hex((a[i + 1]! << 8) | b)), "")}>`),
      "endbfchar",
    ]),
    "endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  add("<< /Type /Catalog /Pages 2 0 R >>"); // 1
  add(""); // 2 pages, filled below
  add(`<< /Type /Font /Subtype /Type0 /BaseFont /ShouwenSong /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>`); // 3
  add(`<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ShouwenSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /FontDescriptor 6 0 R >>`); // 4
  add(stream(toUnicode)); // 5
  add(`<< /Type /FontDescriptor /FontName /ShouwenSong /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>`); // 6
  const kids: number[] = [];
  for (const lines of pages) {
    const content = lines
      .map((l) => `BT /F1 ${l.size ?? 12} Tf ${l.x ?? 72} ${l.y} Td <${[...l.text].map((c) => hex(cid(c))).join("")}> Tj ET`)
      .join("\n");
    add(stream(content));
    const contentRef = objects.length;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentRef} 0 R >>`);
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  let encryptRef = "";
  if (options.encrypt) {
    // A standard security handler dictionary: enough for a reader to ask for a password.
    add(`<< /Filter /Standard /V 1 /R 2 /O <${"28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a"}> /U <${"ab".repeat(32)}> /P -4 >>`);
    encryptRef = ` /Encrypt ${objects.length} 0 R /ID [<${"01".repeat(16)}> <${"01".repeat(16)}>]`;
  }
  let pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encryptRef} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

function stream(text: string): string {
  return `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type DocxPart = { heading: 1 | 2; text: string } | { para: string } | { table: string[][] };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export async function makeDocx(parts: DocxPart[], extraDocumentXml = ""): Promise<Buffer> {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const p = (text: string, style?: string) =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
  const body = parts
    .map((part) => {
      if ("heading" in part) return p(part.text, `Heading${part.heading}`);
      if ("para" in part) return p(part.para);
      return `<w:tbl>${part.table.map((row) => `<w:tr>${row.map((c) => `<w:tc>${p(c)}</w:tc>`).join("")}</w:tr>`).join("")}</w:tbl>`;
    })
    .join("");
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://127.0.0.1:9/tracker.png" TargetMode="External"/></Relationships>`,
  );
  zip.file(
    "word/styles.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`,
  );
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}${extraDocumentXml}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer" });
}
