/**
 * Uploads, app side: mint a one-time URL for a new record, and turn the record "ready" once the
 * image service has the bytes — from the browser's completion call, the service's webhook, or the
 * periodic reconciliation, whichever comes first (all three are the same idempotent, single-flight step).
 */
import { ApiError, forbidden, notFound } from '@/lib/api/errors';
import { type Actor, canManageImage } from '@/lib/auth/roles';
import { readCaptureInfo } from '@/lib/cloudflare-images/capture-info';
import { audit } from '@/lib/db/audit';
import {
  claimCompletion,
  deleteImageRecord,
  getImage,
  getImageByServiceId,
  type ImageRow,
  markReady,
  releaseCompletion,
  stalePending,
} from '@/lib/db/images';
import { ImageServiceError, type ServiceImage } from './client';
import { describeFromOriginal, describeStored } from './details';
import { APP_TAG, UPLOAD_URL_LIFETIME_MS, type UploadContext, uploadContext } from './upload-context';

export { type UploadContext, uploadContext } from './upload-context';
export { mintUpload, mintUploads, titleFromFilename } from './upload-mint';

/** True when the service's image was started by this deployment for `recordId` (or, untagged, before tagging began). */
function startedFor(image: ServiceImage, recordId: string, ctx: UploadContext): boolean {
  const meta = image.meta ?? {};
  if (meta.record !== undefined && meta.record !== recordId) return false;
  return meta.deployment === undefined || meta.deployment === ctx.deploymentId;
}

export type CompletionState = 'ready' | 'pending' | 'gone';

/** How long one completion may hold its claim; a holder that crashed lets go after this. */
const CLAIM_LEASE_MS = 60_000;

async function currentState(recordId: string, ctx: UploadContext): Promise<CompletionState> {
  const row = await getImage(recordId, ctx.db);
  return !row ? 'gone' : row.status === 'ready' ? 'ready' : 'pending';
}

/**
 * Idempotent and single-flight: asks the image service whether the bytes arrived and, if so, records
 * size, format and placeholder. However many signals arrive at once (browser, webhook, reconciliation,
 * on any instance), one claims the record and does the work; the others answer from the record.
 */
export async function completeRecord(row: ImageRow, context?: UploadContext): Promise<CompletionState> {
  if (row.status === 'ready') return 'ready';
  const ctx = context ?? (await uploadContext());
  const serviceId = row.service_id;
  if (!serviceId) return 'pending';
  if (!(await claimCompletion(row.id, CLAIM_LEASE_MS, ctx.db))) return currentState(row.id, ctx);
  try {
    return await completeClaimed(row, serviceId, ctx);
  } finally {
    await releaseCompletion(row.id, ctx.db); // only a record still pending is touched
  }
}

async function completeClaimed(row: ImageRow, serviceId: string, ctx: UploadContext): Promise<CompletionState> {
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
  const facts = image.pixvault
    ? await describeStored(ctx.client, serviceId, image.pixvault)
    : await describeFromOriginal(ctx.client, serviceId);
  const { placeholder, width, height, bytes, contentType } = facts;
  // The embedded service's capture-info extension; real Cloudflare sends none (then: no capture date).
  const capture = readCaptureInfo(image);
  const fields = { placeholder, width, height, bytes, contentType, filename: image.filename ?? null, capture };
  if (await markReady(row.id, fields, ctx.db)) await audit(row.owner_id, 'image.uploaded', row.id, { bytes }, ctx.db);
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
