// How people name a question: its number as "Q-000123" (mail subjects, pages, the ledger export).
// Pure, so client components may import it.

export const questionRef = (n: number) => `Q-${String(n).padStart(6, "0")}`;
