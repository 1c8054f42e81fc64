/**
 * From an App Router file to the URL it serves, and back from a URL to its route params. Pure string
 * work (Playwright loads this file too).
 */

/** Folder segments of `file` below app/ that appear in URLs: route groups `(x)` and the file name dropped. */
function urlSegments(file: string): string[] {
  return file
    .split('/')
    .slice(1, -1)
    .filter((s) => !/^\(.*\)$/.test(s));
}

/** `app/(gallery)/(browse)/images/[id]/page.tsx` → `/images/[id]`. */
export function routeOf(file: string): string {
  return `/${urlSegments(file).join('/')}`;
}

/** A path with every single `[param]` segment replaced by `id`. */
export function withId(path: string, id: string): string {
  return path.replace(/\[(?!\.\.\.)[^\]/]+\]/g, encodeURIComponent(id));
}

export type RouteParams = Record<string, string | string[]>;

/** The params Next would pass for `path` served by `file` (`[id]`, `[...rest]`, `[[...rest]]`). */
export function paramsFor(file: string, path: string): RouteParams {
  const pattern = urlSegments(file);
  const parts = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  const params: RouteParams = {};
  pattern.forEach((segment, i) => {
    const rest = /^\[\[?\.\.\.([^\]]+)\]\]?$/.exec(segment);
    const one = /^\[([^\]]+)\]$/.exec(segment);
    if (rest?.[1]) params[rest[1]] = parts.slice(i).map(decodeURIComponent);
    else if (one?.[1]) params[one[1]] = decodeURIComponent(parts[i] ?? '');
  });
  return params;
}
