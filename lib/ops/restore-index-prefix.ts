// Which Meilisearch index a restore rebuilds (issue 15.10). `npm run restore` runs with an
// environment's settings; rebuilding under that environment's MEILI_INDEX_PREFIX would replace the
// index its portals are serving with the restored (older, or test) data. So the target prefix is
// named explicitly and may not be the live one.

export class RestoreOptionError extends Error {
  override name = "RestoreOptionError";
}

const PREFIX = /^[a-z0-9_]+$/;

/** The prefix to rebuild under, or a RestoreOptionError saying what to pass instead. */
export function restoreIndexPrefix(input: { requested: string | undefined; livePrefix: string; suggestion: string }): string {
  const { requested, livePrefix, suggestion } = input;
  if (requested === undefined || requested === "") {
    throw new RestoreOptionError(
      `--index-prefix is required: the restore rebuilds the search index under a prefix of its own (e.g. --index-prefix ${suggestion}), or pass --no-reindex. This environment's live index is "${livePrefix}" (MEILI_INDEX_PREFIX) and is never rebuilt by a restore.`,
    );
  }
  if (!PREFIX.test(requested)) throw new RestoreOptionError(`--index-prefix: "${requested}" is not valid (use a-z, 0-9 and _).`);
  if (requested === livePrefix) {
    throw new RestoreOptionError(
      `--index-prefix: "${requested}" is this environment's live index (MEILI_INDEX_PREFIX); rebuilding it from the restored database would replace what the running portals serve. Choose another prefix (e.g. ${suggestion}) and set MEILI_INDEX_PREFIX to it together with DATABASE_URL when you switch to the restored database.`,
    );
  }
  return requested;
}
