// Rewrites the first bytes of a stream that another module produces, without buffering the rest: the
// ledger export's CSV header row is written in Chinese by lib/analytics, and a reader who chose
// English gets the same file with the header row in English.

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * The stream with `from` replaced by `to` when it starts with exactly those bytes; any other stream
 * passes through unchanged, and `onMismatch` is called so the caller can log it. Holds back at most
 * from.length bytes, however the source chunks them; cancelling the result cancels the source.
 */
export function replacePrefix(source: ReadableStream<Uint8Array>, from: Uint8Array, to: Uint8Array, onMismatch?: () => void): ReadableStream<Uint8Array> {
  let held: Uint8Array | null = new Uint8Array(0);
  const release = (bytes: Uint8Array, controller: TransformStreamDefaultController<Uint8Array>) => {
    held = null;
    onMismatch?.();
    if (bytes.length) controller.enqueue(bytes);
  };
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (!held) return controller.enqueue(chunk);
        const bytes = concat(held, chunk);
        if (bytes.length < from.length) {
          if (startsWith(from, bytes)) held = bytes;
          else release(bytes, controller);
          return;
        }
        if (!startsWith(bytes, from)) return release(bytes, controller);
        held = null;
        controller.enqueue(to);
        if (bytes.length > from.length) controller.enqueue(bytes.subarray(from.length));
      },
      flush(controller) {
        if (held) release(held, controller);
      },
    }),
  );
}
