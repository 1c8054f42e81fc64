/** Opaque keyset cursors: base64url of "<number>:<id>", as Cloudflare's own continuation tokens are. */
import { hasControlCharacters } from './plain-text';

export function encodeCursor(position: number, id: string): string {
  return Buffer.from(`${position}:${id}`).toString('base64url');
}

/**
 * The position and id, or null when the cursor is not one of ours. Positions are whole numbers, and
 * not negative unless `signed` (a keyset on a time that may be before 1970); an offset never is.
 */
export function decodeCursor(cursor: string, opts: { signed?: boolean } = {}): { position: number; id: string } | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const position = Number(text.slice(0, colon));
  const id = text.slice(colon + 1);
  if (colon < 1 || !Number.isSafeInteger(position) || hasControlCharacters(id)) return null;
  if (position < 0 && !opts.signed) return null;
  return { position, id };
}
