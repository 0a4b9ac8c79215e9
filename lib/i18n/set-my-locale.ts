import "server-only";
// The language switch, for a signed-in user: the choice is stored on their own row (never another
// person's: the id is the actor's), so mail is written in it and a new browser starts in it.
import { z } from "zod";
import { fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { LOCALES, type Locale } from "./locales";

export const localeInput = z.object({ locale: z.enum(LOCALES, fieldKey("errors.field.localeUnsupported")) });

export async function setMyLocale(ctx: Ctx, raw: unknown): Promise<{ locale: Locale }> {
  // strict: a user id (or anything else) in the input is refused, not ignored.
  const { locale } = parseInput(localeInput.strict(), raw);
  await ctx.db.user.update({ where: { id: ctx.actor.id }, data: { locale } });
  return { locale };
}
