/**
 * Direct creator uploads: `POST v2/direct_upload` makes a draft and a one-time URL; that URL takes one
 * multipart POST. A draft is claimed atomically before its body is read, so of two concurrent POSTs
 * exactly one proceeds; a failed upload releases the claim.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { badRequest, CloudflareImagesError, cfError } from '@/lib/cloudflare-images/errors';
import { encodeDeliveryId } from '@/lib/cloudflare-images/ids';
import { readForm } from './body';
import { type ImageRow, isStored } from './db';
import { prerenderVariants } from './eager';
import { prepareUpload } from './ingest';
import { formLimits, gated, insertingId } from './ingest-gate';
import { COMPLETE_DRAFT, commitOriginal, storageFields, trimFilename } from './originals';
import { parseRecordFields } from './record-fields';
import type { ImageService } from './service';

const MIN_EXPIRY_MS = 2 * 60_000;
const MAX_EXPIRY_MS = 6 * 60 * 60_000;
const DEFAULT_EXPIRY_MS = 30 * 60_000;

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
export async function createDirectUpload(svc: ImageService, req: IncomingMessage) {
  const { fields, file } = await readForm(req, { ...formLimits(svc.config), maxFileBytes: 0 });
  if (file) throw badRequest('direct_upload takes no file; POST the file to the returned uploadURL.');
  const record = parseRecordFields(fields, svc.config.limits.maxMetadataBytes);
  const now = svc.now();
  const expires = parseExpiry(fields.get('expiry'), now);
  const id = record.id ?? randomUUID();
  insertingId(id, () =>
    svc.db
      .prepare(`INSERT INTO images (id, meta, require_signed, creator, uploaded, draft, draft_expires, upload_state)
                VALUES (?, ?, ?, ?, ?, 1, ?, 'pending')`)
      .run(id, JSON.stringify(record.metadata), record.requireSignedURLs ? 1 : 0, record.creator, now, expires),
  );
  return { id, uploadURL: `${svc.config.publicUrl}/${svc.config.accountHash}/${encodeDeliveryId(id)}` };
}

/** Claims the draft for this upload, or says why the URL cannot take one now. */
function claimDraft(svc: ImageService, id: string): void {
  const row = svc.records.get(id);
  if (!row) throw cfError(5404, 'Unknown upload URL: no pending upload has this id (it may have expired).');
  if (isStored(row)) throw cfError(5409, 'This upload URL was already used; ask for a new one.');
  const now = svc.now();
  if ((row.draft_expires ?? 0) <= now) {
    svc.db.prepare("DELETE FROM images WHERE id = ? AND draft = 1 AND upload_state = 'pending'").run(id);
    throw cfError(5404, 'This upload URL has expired; ask for a new one.', { status: 410 });
  }
  const claim = svc.db
    .prepare(
      "UPDATE images SET upload_state = 'receiving' WHERE id = ? AND draft = 1 AND upload_state = 'pending' AND draft_expires > ?",
    )
    .run(id, now);
  if (claim.changes === 0) throw cfError(5409, 'This upload URL is already being used by another upload.');
}

/** The one-time upload URL: one multipart POST with field `file`, no token. */
export async function receiveDirectUpload(svc: ImageService, req: IncomingMessage, id: string): Promise<ImageRow> {
  claimDraft(svc, id);
  try {
    await gated(svc, req, async (signal) => {
      const { file } = await readForm(req, formLimits(svc.config), signal);
      if (!file) throw badRequest('Send the image in the multipart form field "file".');
      const prepared = await prepareUpload(file.bytes, svc.config.limits, { keepLocation: svc.config.keepLocation });
      await svc.work.track(
        commitOriginal(
          svc.store,
          prepared,
          id,
          (fileKey) =>
            svc.db.prepare(COMPLETE_DRAFT).run({
              id,
              filename: trimFilename(file.filename),
              uploaded: svc.now(),
              ...storageFields(prepared, fileKey),
            }).changes === 1,
        ),
      );
    });
  } catch (err) {
    svc.db
      .prepare("UPDATE images SET upload_state = 'pending' WHERE id = ? AND draft = 1 AND upload_state = 'receiving'")
      .run(id);
    if (err instanceof CloudflareImagesError && err.code !== 5433 && err.status !== 429) {
      svc.webhooks.enqueue({ image_id: id, status: 'failed', account_id: svc.config.accountId, error: err.message });
    }
    throw err;
  }
  const stored = svc.records.mustGet(id);
  svc.webhooks.enqueue({
    image_id: id,
    status: 'uploaded',
    account_id: svc.config.accountId,
    filename: stored.filename,
  });
  prerenderVariants(svc, id);
  return stored;
}
