/** A byte-bounded LRU of generated variants, so hot images are answered from memory, not disk. */

/**
 * Larger files are served from disk instead: reading one costs little next to sending it, and a burst
 * of big outputs (e.g. 50 MP images trimmed to 17 MB PNGs) would otherwise fill the whole cache and
 * add its bound to the process's peak memory (bench case 4).
 */
export const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

export interface CachedVariant {
  bytes: Buffer;
  contentType: string;
  etag: string;
}

export class MemoryCache {
  private readonly entries = new Map<string, CachedVariant>();
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedVariant | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedVariant): void {
    // One huge file must not flush everything else.
    if (value.bytes.length > Math.min(this.maxBytes / 8, MAX_ENTRY_BYTES)) return;
    this.delete(key);
    this.entries.set(key, value);
    this.size += value.bytes.length;
    for (const [oldKey, old] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.size -= old.bytes.length;
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.size -= old.bytes.length;
  }

  /** Drops every entry whose key starts with `prefix` (an image deleted, a variant changed). */
  deletePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }

  /** Drops every entry whose key contains `part`. */
  deleteMatching(part: string): void {
    for (const key of [...this.entries.keys()]) if (key.includes(part)) this.delete(key);
  }
}
