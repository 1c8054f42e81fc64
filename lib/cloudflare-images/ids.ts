/** Image ids as Cloudflare Images defines them: generated UUIDs, or custom ids under a few rules. */
import { MAX_ID_LENGTH } from './limits';

/**
 * The fixed words of the images API's paths (`v1/keys/{name}`, `v1/{id}/blob`, `v2/direct_upload`, ...).
 * An id with one of them as a path part would read like another route (`keys/default` as
 * `DELETE v1/keys/default`), so no part of a custom id may be one of them, in any letter case. The
 * embedded service checks that every word of its route table is listed here.
 */
export const API_PATH_WORDS: ReadonlySet<string> = new Set([
  'stats',
  'config',
  'keys',
  'variants',
  'blob',
  'direct_upload',
  'batch_token',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Why a custom image id is refused, or null when it is fine. Cloudflare: up to 1024 characters, any
 * number of `/`-separated parts, not starting or ending with `/`, not a UUID. We also refuse what
 * could never be delivered by URL: empty, `.` or `..` parts, control characters, `?`, `#` and `\`.
 */
export function customIdProblem(id: string): string | null {
  if (id.length === 0) return 'The custom id is empty.';
  if ([...id].length > MAX_ID_LENGTH) return `The custom id is longer than ${MAX_ID_LENGTH} characters.`;
  if (UUID.test(id)) return 'A custom id must not look like a UUID; those are reserved for generated ids.';
  if (id.startsWith('/') || id.endsWith('/')) return 'A custom id must not start or end with "/".';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'A custom id must not contain control characters.';
  if (/[?#\\]/.test(id)) return 'A custom id must not contain "?", "#" or "\\".';
  const parts = id.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) {
    return 'A custom id must not contain empty, "." or ".." path parts.';
  }
  const word = parts.find((part) => API_PATH_WORDS.has(part.toLowerCase()));
  if (word !== undefined) {
    return `A custom id must not contain "${word}" as a path part: it is a name of the images API's routes (${[...API_PATH_WORDS].join(', ')}).`;
  }
  return null;
}

/** Generated ids are UUIDs; only they may belong to private images (`requireSignedURLs`). */
export function isGeneratedId(id: string): boolean {
  return UUID.test(id);
}

/** Image ids in delivery paths are written unencoded except for characters a URL path cannot hold. */
export function encodeDeliveryId(id: string): string {
  return id.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]+/gu, (s) => encodeURIComponent(s));
}
