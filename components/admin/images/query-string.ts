/** Builds the console's URLs: the current query with some values changed; empty values are dropped. */
export function withParams(
  basePath: string,
  params: Readonly<Record<string, string>>,
  changes: Readonly<Record<string, string | null>>,
): string {
  const query = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') query.delete(k);
    else query.set(k, v);
  }
  const qs = query.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}
