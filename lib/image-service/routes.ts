/**
 * A route table of path templates (`v1/keys/:name`, `v1/:id/blob`), matched by exact shape. `:id` is an
 * image id and may span several path parts; any other `:param` is one part. The fixed words of the
 * templates are collected, and an id is never taken from a path that has one of them as a part, so a
 * path can only ever mean the route it spells out.
 */
import { cfError } from '@/lib/cloudflare-images/errors';

export interface RouteSpec<H> {
  method: string;
  path: string;
  handler: H;
}

interface CompiledRoute<H> {
  method: string;
  pattern: RegExp;
  handler: H;
  takesId: boolean;
}

export interface RouteTable<H> {
  routes: CompiledRoute<H>[];
  /** The fixed words after the version (`stats`, `keys`, `blob`, ...). */
  words: ReadonlySet<string>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileRoutes<H>(specs: readonly RouteSpec<H>[]): RouteTable<H> {
  const words = new Set<string>();
  const routes = specs.map(({ method, path, handler }) => {
    const parts = path.split('/');
    for (const part of parts.slice(1)) if (!part.startsWith(':')) words.add(part);
    const source = parts
      .map((part) => (part === ':id' ? '(.+)' : part.startsWith(':') ? '([^/]+)' : escapeRegExp(part)))
      .join('/');
    return { method, pattern: new RegExp(`^${source}$`), handler, takesId: parts.includes(':id') };
  });
  return { routes, words };
}

/** The route for `method` and the raw path `rest`; 'method' when only other methods take that path. */
export function findRoute<H>(
  table: RouteTable<H>,
  method: string,
  rest: string,
): { handler: H; param: string } | 'method' | null {
  let methodMismatch = false;
  for (const route of table.routes) {
    const m = route.pattern.exec(rest);
    if (!m) continue;
    const raw = m[1];
    if (route.takesId && raw?.split('/').some((part) => table.words.has(part))) continue;
    if (route.method !== method) {
      methodMismatch = true;
      continue;
    }
    let param = '';
    try {
      param = raw === undefined ? '' : decodeURIComponent(raw);
    } catch {
      throw cfError(5400, 'The path contains an invalid percent-encoding.');
    }
    return { handler: route.handler, param };
  }
  return methodMismatch ? 'method' : null;
}
