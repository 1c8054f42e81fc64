/** Opaque keyset cursors: base64url of "<number>:<id>", as Cloudflare's own continuation tokens are. */

export function encodeCursor(position: number, id: string): string {
  return Buffer.from(`${position}:${id}`).toString('base64url');
}

/** The position and id, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string): { position: number; id: string } | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const position = Number(text.slice(0, colon));
  if (colon < 1 || !Number.isSafeInteger(position)) return null;
  return { position, id: text.slice(colon + 1) };
}
