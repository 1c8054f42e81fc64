/**
 * The state of one embedded image service: database, files, queue, caches, and the two operations
 * everything else is built on: committing a new original, and producing a variant.
 */
import { createHash } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { type SignatureCheck, verifySignature } from '@/lib/images/sign';
import type { ServiceConfig } from './config';
import { type Db, type ImageRow, isStored, openDb, type StoredImage } from './db';
import { ServiceError } from './errors';
import { getRow, patchImage } from './images';
import type { PreparedImage } from './ingest';
import { SigningKeys } from './keys';
import { type CachedVariant, MemoryCache } from './memory-cache';
import { canonicalOptions, type OutputFormat, type TransformOptions } from './options';
import { TransformQueue } from './queue';
import { SettingsStore } from './settings';
import { CONTENT_TYPES } from './sniff';
import { BlobStore } from './store';
import { render } from './transform';
import { UsageCounter } from './usage';
import { VariantRegistry } from './variants';
import { Webhooks } from './webhook';

const OUTPUT_TYPES: Record<OutputFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
};

const gone = () => new ServiceError(404, 9431, 'ERROR 9431: Not found');

/** The original vanished under a request (deleted meanwhile): that is a 404, not a server error. */
function missingAsGone(err: unknown): never {
  if (err instanceof Error && 'code' in err && err.code === 'ENOENT') throw gone();
  throw err;
}

export class Core {
  readonly db: Db;
  readonly store: BlobStore;
  readonly queue: TransformQueue;
  readonly memory: MemoryCache;
  readonly keys: SigningKeys;
  readonly variants: VariantRegistry;
  readonly settings: SettingsStore;
  readonly webhooks: Webhooks;
  readonly usage: UsageCounter;
  private readonly writes = new Set<Promise<unknown>>();
  /** Names of generated files by options: computed on every delivery, so remembered. */
  private readonly cacheNames = new Map<string, string>();
  private readonly storedRows = new Map<string, StoredImage>();
  private readonly variantNames = new WeakMap<TransformOptions, Map<string, string>>();
  private readonly verifiedUrls = new Map<string, number | null>();
  private signatureKeysVersion = -1;

  constructor(
    readonly config: ServiceConfig,
    readonly now: () => number = Date.now,
  ) {
    this.store = new BlobStore(config.dataDir);
    this.db = openDb(path.join(config.dataDir, 'service.db'));
    this.queue = new TransformQueue(config.transformConcurrency, config.transformQueueMax);
    this.memory = new MemoryCache(config.memoryCacheBytes);
    this.keys = new SigningKeys(this.db, now);
    this.keys.ensureDefault(config.signingKey, config.signingKeyExplicit);
    this.settings = new SettingsStore(this.db);
    this.variants = new VariantRegistry(this.db, now, (id) => this.dropVariantFiles(id));
    this.webhooks = new Webhooks(this.db, config.webhook, now);
    this.usage = new UsageCounter(this.db, now);
  }

  /** Keeps shutdown waiting until `work` settles (uploads and deletes in progress). */
  track<T>(work: Promise<T>): Promise<T> {
    this.writes.add(work);
    void work.finally(() => this.writes.delete(work)).catch(() => undefined);
    return work;
  }

  async settled(): Promise<void> {
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
  }

  /**
   * Writes the original (atomically) and only then points a record at it, inside `commit`, which
   * returns false when the record may no longer take it (id taken, draft gone). Nothing is left behind.
   */
  async commitOriginal(prepared: PreparedImage, id: string, commit: (fileKey: string) => boolean): Promise<void> {
    const fileKey = BlobStore.newFileKey(id);
    const file = this.store.originalPath(fileKey);
    await this.store.writeAtomic(file, prepared.bytes);
    let ok = false;
    try {
      ok = commit(fileKey);
    } finally {
      if (!ok) await unlink(file).catch(() => undefined);
    }
  }

  insertSql(): string {
    return `INSERT INTO images (id, filename, meta, require_signed, creator, uploaded, draft, file_key, format, content_type, width, height, frames, bytes, copyright)
            VALUES (@id, @filename, @meta, @require_signed, @creator, @uploaded, 0, @file_key, @format, @content_type, @width, @height, @frames, @bytes, @copyright)`;
  }

  storageFields(prepared: PreparedImage, fileKey: string) {
    return {
      file_key: fileKey,
      format: prepared.format,
      content_type: prepared.contentType,
      width: prepared.width,
      height: prepared.height,
      frames: prepared.frames,
      bytes: prepared.bytes.length,
      copyright: prepared.copyright,
    };
  }

  /** Deletes the record first (so it stops being served at once), then its files. */
  async deleteImage(row: ImageRow): Promise<void> {
    this.db.prepare('DELETE FROM images WHERE id = ?').run(row.id);
    this.forget(row.id);
    if (row.file_key) {
      this.memory.deletePrefix(`${row.file_key}/`);
      await this.store.removeImageFiles(row.file_key);
    }
  }

  /**
   * A complete image by id, for delivery. Complete records are cached in memory (this process is the
   * only writer); every change to one goes through `forget`.
   */
  storedImage(id: string): StoredImage | undefined {
    const cached = this.storedRows.get(id);
    if (cached) return cached;
    const row = getRow(this.db, id);
    if (!row || !isStored(row)) return undefined;
    if (this.storedRows.size >= 50_000) this.storedRows.clear();
    this.storedRows.set(id, row);
    return row;
  }

  /**
   * Signature check for delivery. A URL whose signature matched is remembered (until the keys change),
   * so a popular signed URL costs one HMAC, not one per request; its expiry is still checked each time.
   * The `/cdn-cgi/imagedelivery`-prefixed path is accepted as signed input too.
   */
  checkSignature(path: string, rawPath: string, rawQuery: string, nowSeconds: number): SignatureCheck {
    if (this.signatureKeysVersion !== this.keys.version) {
      this.verifiedUrls.clear();
      this.signatureKeysVersion = this.keys.version;
    }
    const key = `${rawPath}?${rawQuery}`;
    const exp = this.verifiedUrls.get(key);
    if (exp !== undefined)
      return exp === null || exp > nowSeconds ? { ok: true, exp } : { ok: false, reason: 'expired' };
    const keys = this.keys.values();
    let check = verifySignature(path, rawQuery, keys, nowSeconds);
    if (!check.ok && path !== rawPath) check = verifySignature(rawPath, rawQuery, keys, nowSeconds);
    if (check.ok) {
      if (this.verifiedUrls.size >= 20_000) this.verifiedUrls.clear();
      this.verifiedUrls.set(key, check.exp);
    }
    return check;
  }

  forget(id: string): void {
    this.storedRows.delete(id);
  }

  /** `PATCH v1/{id}`. */
  patchImage(id: string, body: unknown): ImageRow {
    try {
      return patchImage(this.db, id, body, this.config.limits.maxMetadataBytes);
    } finally {
      this.forget(id);
    }
  }

  /** Name of a generated file: options, output format and sharp version decide its bytes. */
  cacheName(prefix: string, opts: TransformOptions, format: OutputFormat): string {
    // Named variants hand out one options object per definition: remember their names by identity.
    const byFormat = this.variantNames.get(opts);
    const known = byFormat?.get(`${prefix}|${format}`);
    if (known) return known;
    const key = `${prefix}|${canonicalOptions(opts)}|${format}`;
    let name = this.cacheNames.get(key);
    if (name === undefined) {
      const digest = createHash('sha256').update(`${key}|${sharp.versions.sharp}`).digest('hex').slice(0, 20);
      name = `${prefix}.${digest}.${format}`;
      if (this.cacheNames.size > 10_000) this.cacheNames.clear();
      this.cacheNames.set(key, name);
    }
    if (prefix.startsWith('v-')) {
      const map = byFormat ?? new Map<string, string>();
      map.set(`${prefix}|${format}`, name);
      this.variantNames.set(opts, map);
    }
    return name;
  }

  /**
   * The bytes of one variant: from memory, else from disk, else rendered through the queue (merged
   * with any identical render in flight) and written to disk. Throws QueueFullError when busy.
   */
  async variant(
    image: StoredImage,
    cacheName: string,
    opts: TransformOptions,
    format: OutputFormat,
    background = false,
  ): Promise<CachedVariant> {
    const memKey = `${image.file_key}/${cacheName}`;
    const hit = this.memory.get(memKey);
    if (hit) return hit;
    const file = this.store.variantPath(image.file_key, cacheName);
    const etag = `"${createHash('sha1').update(memKey).digest('base64url')}"`;
    const entry = (bytes: Buffer): CachedVariant => ({ bytes, contentType: OUTPUT_TYPES[format], etag });
    try {
      const cached = entry(await readFile(file));
      this.memory.set(memKey, cached);
      return cached;
    } catch {
      // not generated yet
    }
    return this.queue.run(
      memKey,
      async () => {
        const original = await readFile(this.store.originalPath(image.file_key)).catch(missingAsGone);
        const bytes = await render(original, image, opts, format, this.config.limits.maxAnimationPixels);
        await this.store.writeAtomic(file, bytes);
        // Deleted while rendering: the delete may already have removed the folder this just re-created.
        if (getRow(this.db, image.id)?.file_key !== image.file_key) {
          await this.store.removeImageFiles(image.file_key);
          throw gone();
        }
        const made = entry(bytes);
        this.memory.set(memKey, made);
        return made;
      },
      background ? 'background' : 'foreground',
    );
  }

  originalEntry(image: StoredImage): Promise<CachedVariant> {
    const memKey = `${image.file_key}/original`;
    const hit = this.memory.get(memKey);
    if (hit) return Promise.resolve(hit);
    return readFile(this.store.originalPath(image.file_key))
      .catch(missingAsGone)
      .then((bytes) => {
        const made = {
          bytes,
          contentType: image.content_type || CONTENT_TYPES.jpeg,
          etag: `"${image.file_key.slice(0, 27)}"`,
        };
        this.memory.set(memKey, made);
        return made;
      });
  }

  private dropVariantFiles(id: string): void {
    this.memory.deleteMatching(`/v-${id}.`);
    void this.track(this.store.removeVariantFiles(`v-${id}.`));
  }

  /** Deletes drafts whose upload URL expired and that no upload is writing to. */
  sweepExpiredDrafts(): number {
    return this.db
      .prepare(
        "DELETE FROM images WHERE draft = 1 AND draft_expires <= ? AND (upload_state IS NULL OR upload_state = 'pending')",
      )
      .run(this.now()).changes;
  }

  /** Start-up: files no record points to (a crash between write and commit) are removed. */
  async sweepFiles() {
    const live = new Set(
      (this.db.prepare('SELECT file_key FROM images WHERE file_key IS NOT NULL').all() as { file_key: string }[]).map(
        (r) => r.file_key,
      ),
    );
    // An upload interrupted by a crash left its draft "receiving": it may be used again.
    this.db.prepare("UPDATE images SET upload_state = 'pending' WHERE draft = 1 AND upload_state = 'receiving'").run();
    return this.store.sweep((key) => live.has(key));
  }

  close(): void {
    this.webhooks.stop();
    this.usage.stop();
    this.db.close();
  }
}
