/**
 * The bytes delivery serves: an original, or a variant from memory, else from disk, else rendered
 * through the queue (merged with any identical render in flight) and written to disk, where the disk
 * cache keeps generated files within their size bound. Background renders (eager variants after an
 * upload) are tracked, so shutdown can stop them before the store closes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cfError } from '@/lib/cloudflare-images/errors';
import { CONTENT_TYPES, type OutputFormat } from '@/lib/cloudflare-images/formats';
import type { TransformOptions } from '@/lib/cloudflare-images/options';
import type { StoredImage } from './db';
import type { DiskCache } from './disk-cache';
import type { CachedVariant, MemoryCache } from './memory-cache';
import { fallbackFormat } from './negotiate';
import type { Priority, TransformQueue } from './queue';
import type { ImageRecords } from './records';
import type { BlobStore } from './store';
import { render, renderSmaller } from './transform';
import { transformWorkingBytes } from './work-estimate';

/** A JPEG starts FF D8 FF: a negotiated WebP/AVIF file that holds the smaller JPEG instead (see `rivalFormat`). */
function storedType(bytes: Buffer, format: OutputFormat): string {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? CONTENT_TYPES.jpeg : CONTENT_TYPES[format];
}

/**
 * The encoding a negotiated WebP/AVIF render is weighed against: the JPEG that clients without either
 * get. Whichever is smaller is stored under the WebP/AVIF name, once, at render time, so every later
 * request (memory, disk) answers the same bytes with the same ETag. Explicit `format=` is never second-guessed.
 */
function rivalFormat(image: StoredImage, opts: TransformOptions, format: OutputFormat): OutputFormat | null {
  if (opts.format !== 'auto' || (format !== 'webp' && format !== 'avif')) return null;
  return fallbackFormat(image) === 'jpeg' ? 'jpeg' : null;
}

/** The original vanished under a request (deleted meanwhile): that is a 404, not a server error. */
function missingAsGone(err: unknown): never {
  if (err instanceof Error && 'code' in err && err.code === 'ENOENT') throw cfError(9431);
  // sharp's words for a path that is not there (renders decode the original from its file).
  if (err instanceof Error && err.message.startsWith('Input file is missing')) throw cfError(9431);
  throw err;
}

export class ShuttingDownError extends Error {
  constructor() {
    super('The image service is shutting down');
  }
}

export class Renders {
  private closing = false;
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly store: BlobStore,
    private readonly memory: MemoryCache,
    private readonly disk: DiskCache,
    private readonly queue: TransformQueue,
    private readonly records: ImageRecords,
    private readonly maxAnimationPixels: number,
  ) {}

  /** A variant already in memory, or undefined; no disk, no promise (delivery's hot path). */
  cached(image: StoredImage, cacheName: string): CachedVariant | undefined {
    const hit = this.memory.get(`${image.file_key}/${cacheName}`);
    if (hit) this.disk.used(image.file_key, cacheName);
    return hit;
  }

  /** One variant's bytes. Throws QueueFullError when the queue is full. */
  async variant(
    image: StoredImage,
    cacheName: string,
    opts: TransformOptions,
    format: OutputFormat,
    priority: Priority = 'foreground',
  ): Promise<CachedVariant> {
    const memKey = `${image.file_key}/${cacheName}`;
    const hit = this.memory.get(memKey);
    if (hit) {
      this.disk.used(image.file_key, cacheName);
      return hit;
    }
    const file = this.store.variantPath(image.file_key, cacheName);
    const etag = `"${createHash('sha1').update(memKey).digest('base64url')}"`;
    const entry = (bytes: Buffer): CachedVariant => ({ bytes, contentType: storedType(bytes, format), etag });
    try {
      const cached = entry(await readFile(file));
      this.disk.used(image.file_key, cacheName, cached.bytes.length);
      this.memory.set(memKey, cached);
      return cached;
    } catch {
      // not generated yet
    }
    // Checked after the disk read and right before queueing: no background render starts once shutdown has.
    if (priority === 'background' && this.closing) throw new ShuttingDownError();
    const rival = rivalFormat(image, opts, format);
    return this.queue.run(
      memKey,
      async () => {
        // libvips reads the original from its file as it decodes: no copy of it in the JS heap (up to
        // 10 MB a render, garbage until V8 collects it), and no wait for a whole-file read first.
        const original = this.store.originalPath(image.file_key);
        const bytes = await (rival
          ? renderSmaller(original, image, opts, format, rival, this.maxAnimationPixels).then((r) => r.bytes)
          : render(original, image, opts, format, this.maxAnimationPixels)
        ).catch(missingAsGone);
        await this.store.writeAtomic(file, bytes);
        // Deleted while rendering: the delete may already have removed the folder this just re-created.
        if (this.records.get(image.id)?.file_key !== image.file_key) {
          await this.store.removeImageFiles(image.file_key);
          throw cfError(9431);
        }
        this.disk.added(image.file_key, cacheName, bytes.length);
        const made = entry(bytes);
        this.memory.set(memKey, made);
        return made;
      },
      priority,
      transformWorkingBytes(image, opts, format, rival !== null && opts.metadata === 'none'),
    );
  }

  /** Renders a variant in the background, ahead of its first viewer; failures only mean no head start. */
  prerender(image: StoredImage, cacheName: string, opts: TransformOptions, format: OutputFormat): void {
    if (this.closing) return;
    const work = this.variant(image, cacheName, opts, format, 'background').catch(() => undefined);
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  /** The stored original (SVGs are served as they are, and `GET v1/{id}/blob`). */
  async original(image: StoredImage): Promise<CachedVariant> {
    const memKey = `${image.file_key}/original`;
    const hit = this.memory.get(memKey);
    if (hit) return hit;
    const bytes = await readFile(this.store.originalPath(image.file_key)).catch(missingAsGone);
    const made = {
      bytes,
      contentType: image.content_type || CONTENT_TYPES.jpeg,
      etag: `"${image.file_key.slice(0, 27)}"`,
    };
    this.memory.set(memKey, made);
    return made;
  }

  /** Drops an image's generated and original bytes from memory and disk (the image was deleted). */
  async dropImage(fileKey: string): Promise<void> {
    this.memory.deletePrefix(`${fileKey}/`);
    this.disk.droppedImage(fileKey);
    await this.store.removeImageFiles(fileKey);
  }

  /** Drops the generated files of one named variant (its definition changed, or it was deleted). */
  async dropVariant(variantId: string): Promise<void> {
    this.memory.deleteMatching(`/v-${variantId}.`);
    this.disk.droppedMatching(`/v-${variantId}.`);
    await this.store.removeVariantFiles(`v-${variantId}.`);
  }

  /** Resolves once every background render (scheduled so far, or while waiting) has finished or failed. */
  async backgroundSettled(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /**
   * Shutdown: no background render starts any more, queued ones are dropped, and running ones finish
   * (their writes land before the store closes).
   */
  async stopBackground(): Promise<void> {
    this.closing = true;
    this.queue.dropBackground();
    await this.backgroundSettled();
  }
}
