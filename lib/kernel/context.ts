import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";

/** What every domain verb receives: who acts, the database (or a transaction), and the clock. */
export interface Ctx {
  actor: Actor;
  db: Db;
  now: Date;
}
