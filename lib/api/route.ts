/**
 * The wrapper every route handler goes through (`export const POST = apiRoute(async (req) => …)`):
 * a same-origin check on state-changing methods, then the handler, with any error turned into the
 * one error envelope of `./errors`.
 */
import type { z } from 'zod';
import { hasControlCharacters } from '@/lib/cloudflare-images/plain-text';
import { readJsonBody } from './body';
import { ApiError, forbidden, toErrorResponse } from './errors';
import { isCrossSiteWrite } from './same-origin';

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/**
 * Whether the path, once decoded, holds a control character (`/api/images/%00`): no id or name may
 * (free text refuses them too: `plain-text.ts`), and PostgreSQL answers a NUL in a query with an error.
 */
function pathHasControlCharacters(url: string): boolean {
  try {
    return hasControlCharacters(decodeURIComponent(new URL(url).pathname));
  } catch {
    return true; // a malformed escape (`%E0%A4%A`) names nothing either
  }
}

/** Wraps a route handler: one try/catch and the same-origin check, so handlers hold only their own work. */
export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      if (isCrossSiteWrite(req)) throw forbidden('Cross-site requests are not allowed.');
      if (pathHasControlCharacters(req.url))
        throw new ApiError(400, 'invalid_path', 'The address holds characters that are not allowed.');
      return await handler(req, ctx);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/**
 * Parses a JSON body with a schema; a body that is not JSON is a 400 like any other bad input, and one
 * over the API's size limit a 413 before any of it is parsed (`./body`).
 */
export async function parseJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const body = await readJsonBody(req);
  if (body === undefined) throw new ApiError(400, 'invalid_json', 'The request body must be JSON.');
  return schema.parse(body);
}
