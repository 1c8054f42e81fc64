/**
 * Uploads, app side: mint a one-time URL for a new record, and turn the record "ready" once the
 * image service has the bytes — from the browser's completion call, the service's webhook, or the
 * periodic reconciliation, whichever comes first (all three are the same idempotent step).
 */
import { randomUUID } from 'node:crypto';
import { ApiError, forbidden, notFound } from '@/lib/api/errors';
import { type Actor, canManageImage, canUpload } from '@/lib/auth/roles';
import { readCaptureInfo } from '@/lib/cloudflare-images/capture-info';
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
import { type AppDb, getDb } from '@/lib/db/index';
import { appEnv } from '@/lib/env';
import { takeToken } from '@/lib/rate-limit';
import type { UploadRequest, UploadTicket } from '@/lib/schemas/api';
import { ImageServiceError, type ImagesClient, imagesClient, type ServiceImage } from './client';
import { deploymentId } from './deployment';
import { describeOriginal } from './details';

const UPLOAD_URL_LIFETIME_MS = 30 * 60_000;
/** Written into every upload's metadata: `app` names the application, `deployment` this installation of it. */
const APP_TAG = 'pixvault';

/** What one deployment's upload bookkeeping works with: its own database, its image client and its id. */
export interface UploadContext {
  db: AppDb;
  client: ImagesClient;
  deploymentId: string;
}

/** This process's deployment (tests build their own contexts to play several deployments). */
export async function uploadContext(): Promise<UploadContext> {
  const db = await getDb();
  return { db, client: imagesClient(), deploymentId: await deploymentId(db) };
}

export function titleFromFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? filename;
  const title = base
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return (title || base).slice(0, 200);
}

export async function mintUpload(user: Actor, input: UploadRequest, context?: UploadContext): Promise<UploadTicket> {
  if (!canUpload(user)) throw forbidden('Only uploaders and admins can upload.');
  const ctx = context ?? (await uploadContext());
  // In the shared store, so the limit holds however many app instances the requests reach.
  const limit = { key: `upload:${user.id}`, capacity: appEnv().uploadsPerMinute, windowMs: 60_000 };
  const allowed = await takeToken(ctx.db, limit);
  if (!allowed.ok)
    throw new ApiError(429, 'rate_limited', `Too many uploads; wait ${allowed.retryAfterSeconds} s and try again.`);
  const recordId = randomUUID();
  const title = titleFromFilename(input.filename);
  await insertPendingImage({ recordId, ownerId: user.id, title, filename: input.filename }, ctx.db);
  try {
    const expiry = new Date(Date.now() + UPLOAD_URL_LIFETIME_MS);
    const draft = await ctx.client.createDirectUpload({
      metadata: { app: APP_TAG, deployment: ctx.deploymentId, record: recordId, owner: user.id },
      requireSignedURLs: true,
      expiry,
    });
    await setServiceId(recordId, draft.id, ctx.db);
    return { id: recordId, uploadURL: draft.uploadURL, expiresAt: expiry.toISOString() };
  } catch (err) {
    await deleteImageRecord(recordId, ctx.db); // no orphan record when the service refused
    throw err;
  }
}

/** True when the service's image was started by this deployment for `recordId` (or, untagged, before tagging began). */
function startedFor(image: ServiceImage, recordId: string, ctx: UploadContext): boolean {
  const meta = image.meta ?? {};
  if (meta.record !== undefined && meta.record !== recordId) return false;
  return meta.deployment === undefined || meta.deployment === ctx.deploymentId;
}

export type CompletionState = 'ready' | 'pending' | 'gone';

/** Idempotent: asks the image service whether the bytes arrived and, if so, records size and placeholder. */
export async function completeRecord(row: ImageRow, context?: UploadContext): Promise<CompletionState> {
  if (row.status === 'ready') return 'ready';
  const ctx = context ?? (await uploadContext());
  const serviceId = row.service_id;
  if (!serviceId) return 'pending';
  let image: ServiceImage;
  try {
    image = await ctx.client.get(serviceId);
  } catch (err) {
    if (err instanceof ImageServiceError && err.status === 404) {
      await deleteImageRecord(row.id, ctx.db); // the upload URL expired unused
      return 'gone';
    }
    throw err;
  }
  // Checked before anything is deleted: an image someone else started is never ours to remove.
  if (!startedFor(image, row.id, ctx))
    throw new ApiError(409, 'mismatch', 'The image service record belongs to another upload.');
  if (image.draft) {
    // Cloudflare may keep an expired draft around; past the URL's lifetime nothing can complete it.
    if (Date.now() - row.created_at < UPLOAD_URL_LIFETIME_MS + 10 * 60_000) return 'pending';
    await ctx.client.remove(serviceId);
    await deleteImageRecord(row.id, ctx.db);
    return 'gone';
  }
  const res = await ctx.client.blob(serviceId);
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
  const details = await describeOriginal(bytes, contentType);
  // The embedded service's capture-info extension; real Cloudflare sends none (then: no capture date).
  const capture = readCaptureInfo(image);
  const fields = { ...details, bytes: bytes.length, contentType, filename: image.filename ?? null, capture };
  if (await markReady(row.id, fields, ctx.db))
    await audit(row.owner_id, 'image.uploaded', row.id, { bytes: bytes.length }, ctx.db);
  return 'ready';
}

/** `POST /api/images/{id}/complete`: the uploader's browser reports the bytes were sent. */
export async function completeForUser(
  user: Actor,
  recordId: string,
  context?: UploadContext,
): Promise<CompletionState> {
  const ctx = context ?? (await uploadContext());
  const row = await getImage(recordId, ctx.db);
  if (!row) throw notFound();
  if (!canManageImage(user, { ownerId: row.owner_id })) throw forbidden();
  return completeRecord(row, ctx);
}

/**
 * An image this deployment started whose record is gone (given up as expired while the bytes were
 * still arriving). Only images tagged with this deployment's id qualify: other deployments and other
 * apps sharing the account, and uploads from before the tag existed, are never touched.
 */
async function isOurOrphan(image: ServiceImage | null, ctx: UploadContext): Promise<boolean> {
  const meta = image?.meta;
  return (
    meta?.app === APP_TAG &&
    meta.deployment === ctx.deploymentId &&
    typeof meta.record === 'string' &&
    !(await getImage(meta.record, ctx.db))
  );
}

/**
 * The image service's webhook (it may report uploads of every deployment on the account). One of
 * ours completes its record; an orphan of ours is deleted, so no image lives there without a record here.
 */
export async function completeFromWebhook(serviceId: string, context?: UploadContext): Promise<CompletionState> {
  const ctx = context ?? (await uploadContext());
  const row = await getImageByServiceId(serviceId, ctx.db);
  if (row) return completeRecord(row, ctx);
  const image = await ctx.client.get(serviceId).catch(() => null);
  if (await isOurOrphan(image, ctx)) await ctx.client.remove(serviceId);
  return 'gone';
}

/**
 * Records still pending after a while: the tab may have closed right after the bytes arrived (and no
 * webhook reaches us). Ask the image service about each; drop the ones whose URL expired unused.
 */
export async function reconcilePending(
  olderThanMs = 60_000,
  context?: UploadContext,
): Promise<Record<CompletionState, number>> {
  const ctx = context ?? (await uploadContext());
  const counts: Record<CompletionState, number> = { ready: 0, pending: 0, gone: 0 };
  for (const row of await stalePending(olderThanMs, ctx.db)) {
    try {
      counts[await completeRecord(row, ctx)]++;
    } catch (err) {
      console.error(`[pixvault] reconcile ${row.id}:`, err instanceof Error ? err.message : err);
    }
  }
  return counts;
}
