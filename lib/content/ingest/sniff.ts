// The file type is decided by the bytes, never by the extension: a renamed PDF is read as a PDF and a
// renamed executable is refused.

export type FileKind = "docx" | "doc" | "pdf" | "text";

const SUPPORTED_EXTENSIONS = [".md", ".markdown", ".txt", ".docx", ".doc", ".pdf"] as const;

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

export function sniffKind(bytes: Uint8Array): FileKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "doc"; // OLE compound file (Word 97)
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip: only an OOXML word document is accepted (its parts name word/document.xml).
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).toString("latin1");
    return head.includes("word/") || head.includes("[Content_Types].xml") ? "docx" : null;
  }
  // Text: no NUL bytes in the first 8 KB (UTF-16 without BOM and binaries have them).
  const sample = bytes.subarray(0, 8192);
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return "text";
  return sample.includes(0) ? null : "text";
}

/** Decodes a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (GBK files from Windows). */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}
