/**
 * Getting images in: `POST v1` (file or server-side `url`), `POST v2/direct_upload` (a draft and a
 * one-time URL), and that URL's endpoint. A draft is claimed atomically before its body is read, so
 * of two concurrent POSTs exactly one proceeds; a failed upload releases the claim.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { encodeDeliveryId } from '@/lib/schemas/image';
import { type BodyLimits, readForm } from './body';
import type { Core } from './core';
import { isStored } from './db';
import { badRequest, ServiceError } from './errors';
import { getRow, mustGetRow, parseRecordFields, type RecordFields } from './images';
import { prepareUpload } from './ingest';
import { chooseFormat, MODERN_ACCEPT } from './negotiate';
import { SafeFetchError, safeFetch } from './safe-fetch';

const MIN_EXPIRY_MS = 2 * 60_000;
const MAX_EXPIRY_MS = 6 * 60 * 60_000;
const DEFAULT_EXPIRY_MS = 30 * 60_000;
/** Uploads being received or validated at once; each holds up to 10 MB in memory. */
const MAX_ACTIVE_INGESTS = 32;

let activeIngests = 0;

async function gated<T>(work: () => Promise<T>): Promise<T> {
  if (activeIngests >= MAX_ACTIVE_INGESTS) {
    throw new ServiceError(429, 5453, 'ERROR 5453: Too many uploads in progress; try again shortly.', {
      'retry-after': '2',
    });
  }
  activeIngests++;
  try {
    return await work();
  } finally {
    activeIngests--;
  }
}

function formLimits(core: Core): BodyLimits {
  return { maxFileBytes: core.config.limits.maxBytes, maxFieldBytes: 8 * 1024, maxFields: 64 };
}

const isConstraintError = (err: unknown) =>
  err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_CONSTRAINT');
const idTaken = (id: string) =>
  new ServiceError(409, 5409, `ERROR 5409: Resource already exists: an image with id "${id}" exists.`);

function trimFilename(name: string | null): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  return base === '' ? null : [...base].slice(0, 255).join('');
}

/** Renders the named variants most viewers will ask for, in the background, right after upload. */
export function scheduleEagerVariants(core: Core, id: string): void {
  if (!core.config.eagerVariants) return;
  const image = core.storedImage(id);
  if (!image || image.format === 'svg') return;
  for (const variant of core.variants.list()) {
    const opts = core.variants.transformOptions(variant.id);
    if (!opts) continue;
    const { format } = chooseFormat(image, opts, MODERN_ACCEPT);
    core.variant(image, core.cacheName(`v-${variant.id}`, opts, format), opts, format, true).catch(() => undefined);
  }
}

/** `POST v1`: multipart with `file`, or `url` for the service to fetch. */
export async function createImage(core: Core, req: IncomingMessage) {
  return gated(async () => {
    const { fields, file } = await readForm(req, formLimits(core));
    const record = parseRecordFields(fields, core.config.limits.maxMetadataBytes);
    const url = fields.get('url');
    if (file && url) throw badRequest('Send either a file or a url, not both.');
    if (!file && !url) throw badRequest('Send the image in the form field "file", or a "url" to fetch it from.');
    const id = record.id ?? randomUUID();
    if (getRow(core.db, id)) throw idTaken(id);
    let bytes: Buffer;
    let filename: string | null;
    if (file) {
      ({ bytes } = file);
      filename = file.filename;
    } else {
      ({ bytes, filename } = await fetchUrl(core, url ?? ''));
    }
    const prepared = await prepareUpload(bytes, core.config.limits);
    await core.track(
      core.commitOriginal(prepared, id, (fileKey) => {
        try {
          core.db.prepare(core.insertSql()).run({
            id,
            filename: trimFilename(filename),
            meta: JSON.stringify(record.metadata),
            require_signed: record.requireSignedURLs ? 1 : 0,
            creator: record.creator,
            uploaded: core.now(),
            ...core.storageFields(prepared, fileKey),
          });
          return true;
        } catch (err) {
          throw isConstraintError(err) ? idTaken(id) : err;
        }
      }),
    );
    scheduleEagerVariants(core, id);
    return mustGetRow(core.db, id);
  });
}

async function fetchUrl(core: Core, url: string) {
  try {
    return await safeFetch(url, {
      maxBytes: core.config.limits.maxBytes,
      timeoutMs: core.config.urlIngestTimeoutMs,
      allowPrivate: core.config.urlIngestAllowPrivate,
    });
  } catch (err) {
    if (!(err instanceof SafeFetchError)) throw err;
    const status = err.code === 'too_large' ? 413 : err.code === 'timeout' ? 408 : 400;
    throw new ServiceError(
      status,
      status === 413 ? 5413 : 5400,
      `ERROR ${status === 413 ? 5413 : 5400}: Could not fetch the image from url: ${err.message}`,
    );
  }
}

function parseExpiry(raw: string | undefined, now: number): number {
  if (raw === undefined || raw === '') return now + DEFAULT_EXPIRY_MS;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw badRequest('expiry must be an RFC 3339 date-time, e.g. 2030-01-01T00:00:00Z.');
  // A few seconds of grace: a client asking for "now + 2 min" must not fail on network latency.
  if (at < now + MIN_EXPIRY_MS - 10_000 || at > now + MAX_EXPIRY_MS + 10_000) {
    throw badRequest('expiry must be at least 2 minutes and at most 6 hours from now.');
  }
  return at;
}

/** `POST v2/direct_upload`: a draft record now, and the one-time URL the browser will POST the file to. */
export async function createDirectUpload(core: Core, req: IncomingMessage) {
  const { fields, file } = await readForm(req, { ...formLimits(core), maxFileBytes: 0 });
  if (file) throw badRequest('direct_upload takes no file; POST the file to the returned uploadURL.');
  const record: RecordFields = parseRecordFields(fields, core.config.limits.maxMetadataBytes);
  const now = core.now();
  const expires = parseExpiry(fields.get('expiry'), now);
  const id = record.id ?? randomUUID();
  try {
    core.db
      .prepare(`INSERT INTO images (id, meta, require_signed, creator, uploaded, draft, draft_expires, upload_state)
                VALUES (?, ?, ?, ?, ?, 1, ?, 'pending')`)
      .run(id, JSON.stringify(record.metadata), record.requireSignedURLs ? 1 : 0, record.creator, now, expires);
  } catch (err) {
    throw isConstraintError(err) ? idTaken(id) : err;
  }
  return { id, uploadURL: `${core.config.publicUrl}/${core.config.accountHash}/${encodeDeliveryId(id)}` };
}

/** The one-time upload URL: one multipart POST with field `file`, no token. */
export async function receiveDirectUpload(core: Core, req: IncomingMessage, id: string) {
  const row = getRow(core.db, id);
  if (!row)
    throw new ServiceError(
      404,
      5404,
      'ERROR 5404: Unknown upload URL: no pending upload has this id (it may have expired).',
    );
  if (isStored(row))
    throw new ServiceError(409, 5409, 'ERROR 5409: This upload URL was already used; ask for a new one.');
  const now = core.now();
  if ((row.draft_expires ?? 0) <= now) {
    core.db.prepare("DELETE FROM images WHERE id = ? AND draft = 1 AND upload_state = 'pending'").run(id);
    throw new ServiceError(410, 5404, 'ERROR 5404: This upload URL has expired; ask for a new one.');
  }
  const claim = core.db
    .prepare(
      "UPDATE images SET upload_state = 'receiving' WHERE id = ? AND draft = 1 AND upload_state = 'pending' AND draft_expires > ?",
    )
    .run(id, now);
  if (claim.changes === 0)
    throw new ServiceError(409, 5409, 'ERROR 5409: This upload URL is already being used by another upload.');
  const release = () =>
    core.db
      .prepare("UPDATE images SET upload_state = 'pending' WHERE id = ? AND draft = 1 AND upload_state = 'receiving'")
      .run(id);
  try {
    await gated(async () => {
      const { file } = await readForm(req, formLimits(core));
      if (!file) throw badRequest('Send the image in the multipart form field "file".');
      const prepared = await prepareUpload(file.bytes, core.config.limits);
      await core.track(
        core.commitOriginal(
          prepared,
          id,
          (fileKey) =>
            core.db
              .prepare(`UPDATE images SET draft = 0, draft_expires = NULL, upload_state = NULL, filename = @filename, uploaded = @uploaded,
                      file_key = @file_key, format = @format, content_type = @content_type, width = @width, height = @height,
                      frames = @frames, bytes = @bytes, copyright = @copyright
                      WHERE id = @id AND draft = 1 AND upload_state = 'receiving'`)
              .run({
                id,
                filename: trimFilename(file.filename),
                uploaded: core.now(),
                ...core.storageFields(prepared, fileKey),
              }).changes === 1,
        ),
      );
    });
  } catch (err) {
    release();
    if (err instanceof ServiceError && err.code !== 5433 && err.status !== 429) {
      core.webhooks.enqueue({ image_id: id, status: 'failed', account_id: core.config.accountId, error: err.message });
    }
    throw err;
  }
  const stored = mustGetRow(core.db, id);
  core.webhooks.enqueue({
    image_id: id,
    status: 'uploaded',
    account_id: core.config.accountId,
    filename: stored.filename,
  });
  scheduleEagerVariants(core, id);
  return stored;
}
