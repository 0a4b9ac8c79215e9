import { PayloadTooLargeError } from "../errors";

/** Caps of request bodies: a JSON write of any form, and a urlencoded form (sign-in, language switch). */
export const BODY_LIMITS = { json: 64 * 1024, form: 16 * 1024 } as const;

/**
 * The body of a request, counted as it arrives and refused (PayloadTooLargeError, 413) as soon as it
 * passes `maxBytes`: a declared Content-Length over the cap is refused before reading, and a chunked
 * body without one is never held beyond the cap. The stream is left unread, not cancelled:
 * cancelling destroys the socket before the 413 is written; scripts/serve.ts closes a connection
 * whose request body was not read to the end once the answer is sent.
 * Route wrappers and uploads pass their own cap.
 */
export async function readBodyCapped(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new PayloadTooLargeError(maxBytes);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}

/** The body as UTF-8 text, capped as readBodyCapped. */
export async function readTextCapped(req: Request, maxBytes: number): Promise<string> {
  return (await readBodyCapped(req, maxBytes)).toString("utf8");
}
