import "server-only";
import { db } from "../db/client";
import { serverEnv } from "../env";
import { SearchResultCache, type SearchDeps } from "./search-clauses";

// One answer cache per process (on globalThis: Next loads this module once per bundle).
const CACHE = Symbol.for("shouwen.searchResultCache");
const cache: SearchResultCache = ((globalThis as unknown as { [CACHE]?: SearchResultCache })[CACHE] ??= new SearchResultCache());

/** The portal's own database, index and answer cache, as every page and route that searches uses them. */
export function portalSearchDeps(): SearchDeps {
  return { db: db(), meili: { prefix: serverEnv().MEILI_INDEX_PREFIX }, cache: serverEnv().SEARCH_CACHE ? cache : undefined };
}
