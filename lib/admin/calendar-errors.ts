// How the official-calendar import packs its line errors into the one `text` field of its
// ValidationError, and how the form unpacks them into a list. Safe to import from client code.
const SEPARATOR = "；";

export function joinCalendarErrors(errors: readonly string[]): string {
  return errors.join(SEPARATOR);
}

export function splitCalendarErrors(text: string): string[] {
  return text.split(SEPARATOR);
}
