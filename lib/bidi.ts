// Names and other text people type are put into sentences of the portal's own (a mail line, a chart
// title). A right-to-left override in such text (U+202E, often hidden in a display name) would reverse
// the rest of the sentence, so text carrying explicit direction marks is isolated (FSI … PDI, the
// plain-text form of <bdi>). Text without them is returned unchanged.
const DIRECTION_MARK = /[\u202a-\u202e\u2066-\u2069]/;

/** True when the text carries explicit direction marks (a name that could reverse what follows it). */
export function hasDirectionMarks(text: string): boolean {
  return DIRECTION_MARK.test(text);
}

export function isolateBidi(text: string): string {
  return hasDirectionMarks(text) ? `\u2068${text}\u2069` : text;
}
