/**
 * Uploads, app side: mint a one-time URL for a new record, and turn the record "ready" once the
 * image service has the bytes — from the browser's completion call, the service's webhook, or the
 * periodic reconciliation, whichever comes first (all three are the same idempotent step).
 */
import { randomUUID } from 'node:crypto';
import { ApiError, forbidden, notFound } from '@/lib/api/errors';
import { type Actor, canManageImage, canUpload } from '@/lib/auth/roles';
import { audit } from '@/lib/db/audit';
import {
  deleteImageRecord,
  getImage,
  getImageByServiceId,
  type ImageRow,
  insertPendingImage,
  markReady,
  setServiceId,
  stalePending,
} from '@/lib/db/images';
import { appEnv } from '@/lib/env';
import { RateLimiter } from '@/lib/rate-limit';
import type { UploadRequest, UploadTicket } from '@/lib/schemas/api';
import { ImageServiceError, imagesClient } from './client';
import { describeOriginal } from './details';

const UPLOAD_URL_LIFETIME_MS = 30 * 60_000;
let limiter: RateLimiter | null = null;

export function titleFromFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? filename;
  const title = base
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return (title || base).slice(0, 200);
}

export async function mintUpload(user: Actor, input: UploadRequest): Promise<UploadTicket> {
  if (!canUpload(user)) throw forbidden('Only uploaders and admins can upload.');
  limiter ??= new RateLimiter(appEnv().uploadsPerMinute, 60_000);
  const allowed = limiter.take(user.id);
  if (!allowed.ok)
    throw new ApiError(429, 'rate_limited', `Too many uploads; wait ${allowed.retryAfterSeconds} s and try again.`);
  const id = randomUUID();
  insertPendingImage({ id, ownerId: user.id, title: titleFromFilename(input.filename), filename: input.filename });
  try {
    const expiry = new Date(Date.now() + UPLOAD_URL_LIFETIME_MS);
    const ticket = await imagesClient().createDirectUpload({
      metadata: { app: 'pixvault', record: id, owner: user.id },
      requireSignedURLs: true,
      expiry,
    });
    setServiceId(id, ticket.id);
    return { id, uploadURL: ticket.uploadURL, expiresAt: expiry.toISOString() };
  } catch (err) {
    deleteImageRecord(id); // no orphan record when the service refused
    throw err;
  }
}

export type CompletionState = 'ready' | 'pending' | 'gone';

/** Idempotent: asks the image service whether the bytes arrived and, if so, records size and placeholder. */
export async function completeRecord(row: ImageRow): Promise<CompletionState> {
  if (row.status === 'ready') return 'ready';
  if (!row.cf_id) return 'pending';
  const client = imagesClient();
  let image;
  try {
    image = await client.get(row.cf_id);
  } catch (err) {
    if (err instanceof ImageServiceError && err.status === 404) {
      deleteImageRecord(row.id); // the upload URL expired unused
      return 'gone';
    }
    throw err;
  }
  if (image.draft) {
    // Cloudflare may keep an expired draft around; past the URL's lifetime nothing can complete it.
    if (Date.now() - row.created_at < UPLOAD_URL_LIFETIME_MS + 10 * 60_000) return 'pending';
    await client.remove(row.cf_id);
    deleteImageRecord(row.id);
    return 'gone';
  }
  if (image.meta?.record !== undefined && image.meta.record !== row.id)
    throw new ApiError(409, 'mismatch', 'The image service record belongs to another upload.');
  const res = await client.blob(row.cf_id);
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
  const details = await describeOriginal(bytes, contentType);
  if (markReady(row.id, { ...details, bytes: bytes.length, contentType, filename: image.filename ?? null })) {
    audit(row.owner_id, 'image.uploaded', row.id, { bytes: bytes.length });
  }
  return 'ready';
}

/** `POST /api/images/{id}/complete`: the uploader's browser reports the bytes were sent. */
export async function completeForUser(user: Actor, id: string): Promise<CompletionState> {
  const row = getImage(id);
  if (!row) throw notFound();
  if (!canManageImage(user, { ownerId: row.owner_id })) throw forbidden();
  return completeRecord(row);
}

/**
 * The image service's webhook: `image_id` is the service's id. An upload of ours whose record is
 * gone (it was given up as expired while the bytes were still arriving) is deleted from the service,
 * so no image lives there without a record here. Images of other apps sharing the account are left alone.
 */
export async function completeFromWebhook(serviceId: string): Promise<CompletionState> {
  const row = getImageByServiceId(serviceId);
  if (row) return completeRecord(row);
  const client = imagesClient();
  const image = await client.get(serviceId).catch(() => null);
  if (image?.meta?.app === 'pixvault' && typeof image.meta.record === 'string' && !getImage(image.meta.record)) {
    await client.remove(serviceId);
  }
  return 'gone';
}

/**
 * Records still pending after a while: the tab may have closed right after the bytes arrived (and no
 * webhook reaches us). Ask the image service about each; drop the ones whose URL expired unused.
 */
export async function reconcilePending(olderThanMs = 60_000): Promise<Record<CompletionState, number>> {
  const counts: Record<CompletionState, number> = { ready: 0, pending: 0, gone: 0 };
  for (const row of stalePending(olderThanMs)) {
    try {
      counts[await completeRecord(row)]++;
    } catch (err) {
      console.error(`[pixvault] reconcile ${row.id}:`, err instanceof Error ? err.message : err);
    }
  }
  return counts;
}
