// Which dashboard tab a request asks for (server side; the tabs themselves are a client component).

/** The tab `value` names if it is one of `ids`; otherwise the first. */
export function chosenTab(value: string | string[] | undefined, ids: readonly string[]): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && ids.includes(v) ? v : ids[0]!;
}
