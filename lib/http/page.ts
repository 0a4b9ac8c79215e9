import "server-only";
import { forbidden, notFound } from "next/navigation";
import type { Actor, Role } from "../auth/roles";
import { requirePageActor } from "../auth/session";
import { ForbiddenError, NotFoundError } from "../errors";
import { ctxFor } from "./ctx";

export type PageCtx = ReturnType<typeof ctxFor>;

/**
 * What `authedRoute` is for routes, for server pages: the session (unauthorized() without one), the role
 * check (forbidden() for a role the user lacks), a Ctx, and the typed errors of the domain verbs `load`
 * calls mapped to the page answers: NotFoundError → notFound(), ForbiddenError → forbidden().
 * Anything else (a ValidationError the page did not handle itself) propagates to the error page.
 */
export async function authedPage<T>(roles: Role[], load: (page: { actor: Actor; ctx: PageCtx }) => Promise<T>): Promise<T> {
  const actor = await requirePageActor(...roles);
  const ctx = ctxFor(actor);
  try {
    return await load({ actor, ctx });
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    if (err instanceof ForbiddenError) forbidden();
    throw err;
  }
}
