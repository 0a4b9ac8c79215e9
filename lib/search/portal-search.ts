import "server-only";
import { db } from "../db/client";
import { serverEnv } from "../env";
import type { SearchDeps } from "./search-clauses";

/** The portal's own database and index, as every page and route that searches uses them. */
export function portalSearchDeps(): SearchDeps {
  return { db: db(), meili: { prefix: serverEnv().MEILI_INDEX_PREFIX } };
}
