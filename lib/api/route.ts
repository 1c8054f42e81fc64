/**
 * The wrapper every route handler goes through (`export const POST = apiRoute(async (req) => …)`):
 * a same-origin check on state-changing methods, then the handler, with any error turned into the
 * one error envelope of `./errors`.
 */
import type { z } from 'zod';
import { ApiError, forbidden, toErrorResponse } from './errors';

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Refuses a state-changing request sent from another site with the user's cookies (on top of
 * SameSite=Lax session cookies). A request without `Origin` comes from a non-browser client and
 * carries no ambient cookies worth protecting; an `Origin` that is not a URL (`null` from sandboxed
 * frames, `file:` pages and some redirects) is never our own page, so it is refused, not parsed.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get('origin');
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  if (!origin || !host) return;
  if (!URL.canParse(origin) || new URL(origin).host !== host) throw forbidden('Cross-site requests are not allowed.');
}

/** Wraps a route handler: one try/catch and the same-origin check, so handlers hold only their own work. */
export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      assertSameOrigin(req);
      return await handler(req, ctx);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/** Parses a JSON body with a schema; a body that is not JSON is a 400 like any other bad input. */
export async function parseJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body must be JSON.');
  }
  return schema.parse(body);
}
