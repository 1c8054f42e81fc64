/** ThumbHash (base64) → PNG data URL, cached: the grid re-renders often and decoding is not free. */
import { thumbHashToDataURL } from 'thumbhash';

const cache = new Map<string, string | null>();
const MAX_ENTRIES = 500;

export function placeholderDataUrl(hash: string | null): string | null {
  if (!hash) return null;
  const hit = cache.get(hash);
  if (hit !== undefined) return hit;
  let url: string | null;
  try {
    url = thumbHashToDataURL(Uint8Array.from(atob(hash), (c) => c.charCodeAt(0)));
  } catch {
    url = null; // a damaged hash only costs the placeholder, never the tile
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(hash, url);
  return url;
}
