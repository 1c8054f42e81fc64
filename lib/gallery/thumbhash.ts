/** ThumbHash (base64) → PNG data URL or average colour, cached: the grid re-renders often and decoding is not free. */
import { thumbHashToAverageRGBA, thumbHashToDataURL } from 'thumbhash';

const MAX_ENTRIES = 500;

function decode(hash: string): Uint8Array {
  return Uint8Array.from(atob(hash), (c) => c.charCodeAt(0));
}

/** A small cache per derived value; a damaged hash only costs the placeholder, never the tile. */
function cached(derive: (bytes: Uint8Array) => string): (hash: string | null) => string | null {
  const cache = new Map<string, string | null>();
  return (hash) => {
    if (!hash) return null;
    const hit = cache.get(hash);
    if (hit !== undefined) return hit;
    let value: string | null;
    try {
      value = derive(decode(hash));
    } catch {
      value = null;
    }
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(hash, value);
    return value;
  };
}

export const placeholderDataUrl = cached(thumbHashToDataURL);

/** The image's average colour as CSS, a few bytes in the server's HTML where the data URL would be ~4 KB. */
export const placeholderColor = cached((bytes) => {
  const { r, g, b } = thumbHashToAverageRGBA(bytes);
  const c = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);
  return `rgb(${c(r)} ${c(g)} ${c(b)})`;
});
