import "server-only";
import type { Actor } from "../auth/roles";
import { db } from "../db/client";
import type { Ctx } from "../kernel/context";

export function ctxFor(actor: Actor): Ctx {
  return { actor, db: db(), now: new Date() };
}
