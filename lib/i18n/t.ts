import "server-only";
import { translatorFor } from "./catalogues";
import { getLocale } from "./get-locale";
import type { Translate } from "./translate";

/** For server components, route handlers and actions: `const t = await getT(); t("nav.search")`. */
export async function getT(): Promise<Translate> {
  return translatorFor(await getLocale());
}
