import "server-only";
import { db } from "./db/client";
import { pingSearch } from "./search/client";

export interface Health {
  db: "up" | "down";
  search: "up" | "down";
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<Health> {
  const [database, search] = await Promise.all([
    within(2000, db().$queryRaw`SELECT 1`).then(() => "up" as const, () => "down" as const),
    within(2000, pingSearch()).then((ok) => (ok ? ("up" as const) : ("down" as const)), () => "down" as const),
  ]);
  return { db: database, search };
}
