// The STARD split every lexicon and lab script uses: a question is held out when the FNV-1a hash of
// its id is 0 mod 5. One definition, so the table is never learned on the questions it is checked on.

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Whether a question (by id) belongs to the held-out fifth. */
export const isHeldOut = (id: string): boolean => fnv1a(id) % 5 === 0;
