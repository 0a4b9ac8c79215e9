import "server-only";
import { db } from "../db/client";
import { serverEnv } from "../env";
import { SearchResultCache, type SearchDeps } from "./search-clauses";

const cache = new SearchResultCache();

/** The portal's own database, index and answer cache, as every page and route that searches uses them. */
export function portalSearchDeps(): SearchDeps {
  return { db: db(), meili: { prefix: serverEnv().MEILI_INDEX_PREFIX }, cache: serverEnv().SEARCH_CACHE ? cache : undefined };
}
