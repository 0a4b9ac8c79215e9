// Hostile files for the upload-parser tests, made in the test: zips that expand far past their size,
// archives with thousands of parts or names that climb out, a Word 97 file whose sector chain loops.
import JSZip from "jszip";

/** The zip with `mb` MB of spaces inside one of its XML parts (before the closing tag): deflate makes it about a thousandth of that. */
export async function withPaddedPart(zipBytes: Buffer, part: string, mb: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(zipBytes);
  const xml = await zip.file(part)!.async("nodebuffer");
  const close = xml.lastIndexOf("</");
  zip.file(part, Buffer.concat([xml.subarray(0, close), Buffer.alloc(mb * 1024 * 1024, 0x20), xml.subarray(close)]));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } });
}

/** The zip with more parts of the given names. */
export async function withParts(zipBytes: Buffer, names: string[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(zipBytes);
  for (const name of names) zip.file(name, "x", { createFolders: false });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/**
 * A compound file (Word 97 container) of four 512-byte sectors whose directory chain runs 1 → 2 → 1:
 * a reader that follows the chain without remembering where it has been never stops. `fatSectors`
 * is the count of FAT sectors the header declares (one is in the file).
 */
export function oleWithSectorCycle(fatSectors = 1): Buffer {
  const b = Buffer.alloc(512 * 4);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  b.writeUInt16LE(0x3e, 24); // minor version
  b.writeUInt16LE(3, 26); // major version 3: 512-byte sectors
  b.writeUInt16LE(0xfffe, 28); // little-endian
  b.writeUInt16LE(9, 30); // sector size 2^9
  b.writeUInt16LE(6, 32); // short sector size 2^6
  b.writeUInt32LE(fatSectors, 44); // FAT sectors declared
  b.writeUInt32LE(1, 48); // the directory starts at sector 1
  b.writeUInt32LE(4096, 56);
  b.writeUInt32LE(0xfffffffe, 60); // no short FAT
  b.writeUInt32LE(0xfffffffe, 68); // no extra FAT sectors
  b.writeUInt32LE(0, 76); // the FAT is sector 0
  for (let i = 1; i < 109; i++) b.writeUInt32LE(0xffffffff, 76 + i * 4);
  const fat = 512;
  b.writeUInt32LE(0xfffffffd, fat); // sector 0 holds the FAT
  b.writeUInt32LE(2, fat + 4); // 1 → 2
  b.writeUInt32LE(1, fat + 8); // 2 → 1
  for (let i = 3; i < 128; i++) b.writeUInt32LE(0xffffffff, fat + i * 4);
  return b;
}

/** A PDF whose page tree lists the same empty page `count` times (about 6 bytes a page). */
export function pdfListingOnePage(count: number): Buffer {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", `<< /Type /Pages /Kids [${"3 0 R ".repeat(count)}] /Count ${count} >>`, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}
