/**
 * Request bodies read with a ceiling: a route handler never buffers more than it could ever accept.
 * The declared `content-length` is checked before anything is read, and a body sent without one
 * (chunked) is cut off as soon as it passes the limit, so a huge body costs the server nothing.
 */
import { ApiError } from './errors';

/**
 * JSON bodies of the app's API: the largest legitimate one is a bulk selection of 5,000 ids (~200 KB);
 * a request beyond this is refused before any of it is parsed.
 */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export const bodyTooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `The request body may be at most ${Math.round(limit / 1024)} KB.`);

/** The body as UTF-8 text, at most `limit` bytes (413 beyond it). An absent body reads as ''. */
export async function readBodyText(req: Request, limit = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw bodyTooLarge(limit);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw bodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The body parsed as JSON (at most `limit` bytes); `undefined` for an empty body, 400 for one that is not JSON. */
export async function readJsonBody(req: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(req, limit);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body must be JSON.');
  }
}

/**
 * For bodies whose bad shape the schema reports (`parse(null)` gives its own message): `undefined` for an
 * empty body, null for one that is not JSON; only a body over `limit` is refused here (413).
 */
export async function readJsonBodyOrNull(req: Request, limit: number): Promise<unknown> {
  try {
    return await readJsonBody(req, limit);
  } catch (err) {
    if (err instanceof ApiError && err.status === 413) throw err;
    return null;
  }
}
