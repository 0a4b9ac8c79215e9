// Word (.docx) and Excel (.xlsx) files are zips, and the readers behind mammoth and exceljs (JSZip)
// inflate every part into memory with no limit: a 400 KB .docx that expands to 400 MB took the process
// to 1.3 GB, a 20 MB one would end it. So a zip is walked first with yauzl, which reads each entry's
// real bytes (never trusting the sizes the file declares: validateEntrySizes stops at a lie) and refuses
// entry names that climb out of the archive (`../`, absolute paths, backslashes).
import yauzl from "yauzl";

interface ZipLimits {
  /** Most entries the archive may hold (a real .docx has tens, an .xlsx a few per sheet). */
  maxEntries: number;
  /** Most bytes all entries may expand to together. */
  maxTotalBytes: number;
}

const OFFICE_ZIP_LIMITS: ZipLimits = { maxEntries: 2_000, maxTotalBytes: 100 * 1024 * 1024 };

export type ZipProblem =
  | { kind: "entries"; max: number }
  | { kind: "expands"; maxMb: number }
  | { kind: "damaged"; detail: string };

/** Null when the zip is safe to hand to a reader that inflates everything; otherwise why not. */
export async function checkZip(bytes: Uint8Array, limits: ZipLimits = OFFICE_ZIP_LIMITS): Promise<ZipProblem | null> {
  const expands: ZipProblem = { kind: "expands", maxMb: Math.round(limits.maxTotalBytes / 1024 / 1024) };
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  } catch (err) {
    return { kind: "damaged", detail: (err as Error).message };
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return { kind: "entries", max: limits.maxEntries };
  }
  let total = 0;
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) return null;
      if (entry.fileName.endsWith("/")) continue;
      // The declared size first (cheap), then the real one, counted as it inflates.
      if (total + entry.uncompressedSize > limits.maxTotalBytes) return expands;
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        if (total > limits.maxTotalBytes) {
          stream.destroy();
          return expands;
        }
      }
    }
  } catch (err) {
    return { kind: "damaged", detail: (err as Error).message };
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (e: yauzl.Entry) => (cleanup(), resolve(e));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (e: Error) => (cleanup(), reject(e));
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}
