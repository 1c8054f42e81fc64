/**
 * One embedded image service: its parts, wired once. Each part has one job (records, files, renders,
 * keys, variants, settings, ...); the HTTP handlers reach them through this object.
 */
import path from 'node:path';
import { CacheNames } from './cache-names';
import type { ServiceConfig } from './config';
import { type Db, openDb } from './db';
import { DiskCache } from './disk-cache';
import { SigningKeys } from './keys';
import { MemoryCache } from './memory-cache';
import { TransformQueue } from './queue';
import { ImageRecords } from './records';
import { Renders } from './renders';
import { SettingsStore } from './settings';
import { SignatureChecker } from './signatures';
import { BlobStore } from './store';
import { holdSvgPool } from './svg-pool';
import { UploadSlots } from './upload-slots';
import { UsageCounter } from './usage';
import { VariantRegistry } from './variants';
import { Webhooks } from './webhook';
import { InFlight } from './work';

export interface ImageService {
  readonly config: ServiceConfig;
  readonly now: () => number;
  readonly db: Db;
  readonly store: BlobStore;
  readonly records: ImageRecords;
  readonly memory: MemoryCache;
  /** The size bound of generated files on disk. */
  readonly disk: DiskCache;
  readonly queue: TransformQueue;
  readonly renders: Renders;
  readonly cacheNames: CacheNames;
  readonly keys: SigningKeys;
  readonly signatures: SignatureChecker;
  readonly variants: VariantRegistry;
  readonly settings: SettingsStore;
  readonly webhooks: Webhooks;
  readonly usage: UsageCounter;
  /** Uploads, deletes and file removals in progress. */
  readonly work: InFlight;
  /** Slots of the uploads being received, in all and per client. */
  readonly uploads: UploadSlots;
  /** Lets go of the SVG workers (held warm from start, see svg-pool.ts). */
  readonly releaseSvgPool: () => Promise<void>;
}

export function openImageService(config: ServiceConfig, now: () => number = Date.now): ImageService {
  const store = new BlobStore(config.dataDir);
  const db = openDb(path.join(config.dataDir, 'service.db'));
  const records = new ImageRecords(db, config.limits.maxMetadataBytes);
  const memory = new MemoryCache(config.memoryCacheBytes);
  const queue = new TransformQueue(
    config.transformConcurrency,
    config.transformQueueMax,
    undefined,
    now,
    config.transformMemoryBytes,
  );
  const work = new InFlight();
  const disk = new DiskCache(store, config.variantCacheBytes, (removal) => void work.track(removal));
  // Not .pluck(): statements are shared by SQL text (lib/sqlite/open.ts), and pluck mode would stick to
  // the one the start-up sweep runs next, which would then see no live file and remove every original.
  const rows = db.prepare('SELECT file_key FROM images WHERE file_key IS NOT NULL').all() as { file_key: string }[];
  const live = new Set(rows.map((r) => r.file_key));
  void work.track(disk.scan((fileKey) => live.has(fileKey)));
  const renders = new Renders(store, memory, disk, queue, records, config.limits.maxAnimationPixels);
  const keys = new SigningKeys(db, now);
  keys.ensureDefault(config.signingKey, config.signingKeyExplicit);
  // SVG sanitizing has its own workers, never behind raster transforms; started now, so they are warm.
  const releaseSvgPool = holdSvgPool({ workers: config.svgWorkers, queueMax: config.svgQueueMax });
  return {
    config,
    now,
    db,
    store,
    records,
    memory,
    disk,
    queue,
    renders,
    cacheNames: new CacheNames(),
    keys,
    signatures: new SignatureChecker(keys),
    // A changed or deleted variant's files are stale: removed in the background, before shutdown completes.
    variants: new VariantRegistry(db, now, (id) => void work.track(renders.dropVariant(id))),
    settings: new SettingsStore(db),
    webhooks: new Webhooks(db, config.webhook, now),
    usage: new UsageCounter(db, now),
    work,
    uploads: new UploadSlots(config.uploads, now),
    releaseSvgPool,
  };
}

/**
 * Shutdown, once the HTTP server stopped accepting requests (server.ts): background renders stop (none
 * starts any more, running ones finish), requests in progress end, then the writes they started and the
 * queue; only then does the database close, so nothing touches the store afterwards.
 */
export async function closeImageService(svc: ImageService, requestsDone: Promise<void>): Promise<void> {
  await svc.renders.stopBackground();
  await requestsDone;
  await svc.work.settled();
  await svc.queue.idle();
  await svc.releaseSvgPool();
  svc.webhooks.stop();
  svc.usage.stop();
  svc.db.close();
}
