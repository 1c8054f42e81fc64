/**
 * Minting one-time upload URLs: one per file, or a batch of files in one request. Each URL is a pending
 * record here and a draft at the image service; the per-user rate limit counts one token per URL.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, forbidden, rateLimited } from '@/lib/api/errors';
import { type Actor, canUpload } from '@/lib/auth/roles';
import { deleteImageRecord, insertPendingImage, setServiceId } from '@/lib/db/images';
import { appEnv } from '@/lib/env';
import { takeTokens } from '@/lib/rate-limit';
import type { BatchTicket, UploadRequest, UploadTicket } from '@/lib/schemas/api';
import { ImageServiceError } from './client';
import { APP_TAG, UPLOAD_URL_LIFETIME_MS, type UploadContext, uploadContext } from './upload-context';

/** Drafts created at the image service at once while minting a batch (Cloudflare's API is rate limited too). */
const MINT_CONCURRENCY = 4;

export function titleFromFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? filename;
  const title = base
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return (title || base).slice(0, 200);
}

const tooMany = (seconds: number) => rateLimited(`Too many uploads; wait ${seconds} s and try again.`, seconds);

/** Role check and rate limit: how many of `wanted` URLs this user may have now. */
async function allowance(user: Actor, wanted: number, ctx: UploadContext) {
  if (!canUpload(user)) throw forbidden('Only uploaders and admins can upload.');
  // In the shared store, so the limit holds however many app instances the requests reach.
  const limit = { key: `upload:${user.id}`, capacity: appEnv().uploadsPerMinute, windowMs: 60_000 };
  return takeTokens(ctx.db, limit, wanted);
}

/** A pending record and its draft; the record goes again when the service refuses the draft. */
async function mintOne(user: Actor, input: UploadRequest, ctx: UploadContext): Promise<UploadTicket> {
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

/** `POST /api/uploads`: one URL. */
export async function mintUpload(user: Actor, input: UploadRequest, context?: UploadContext): Promise<UploadTicket> {
  const ctx = context ?? (await uploadContext());
  const grant = await allowance(user, 1, ctx);
  if (grant.granted < 1) throw tooMany(grant.retryAfterSeconds);
  return mintOne(user, input, ctx);
}

/** A file's refusal inside a batch: the same codes, statuses and waits as a single request would get. */
function refusal(err: unknown): BatchTicket {
  if (err instanceof ApiError)
    return { ok: false, error: { code: err.code, message: err.message, status: err.status } };
  if (err instanceof ImageServiceError) {
    console.error('[pixvault] image service error while minting:', err.status, err.message);
    // The service's 429/503 stay retryable as such; anything else reads like the single route's 502.
    const status = err.status === 429 || err.status === 503 ? err.status : 502;
    return {
      ok: false,
      error: {
        code: 'image_service_error',
        message: 'The image service could not create an upload URL. Try again in a moment.',
        status,
      },
    };
  }
  console.error('[pixvault] unexpected error while minting:', err);
  return { ok: false, error: { code: 'internal_error', message: 'Something went wrong on our side.', status: 500 } };
}

/**
 * `POST /api/uploads/batch`: URLs for many files in one request, in the order asked. As many as the
 * rate limit allows now are minted; the rest come back refused with 429 and a wait, and when none
 * could be minted the whole request is a 429 with Retry-After.
 */
export async function mintUploads(
  user: Actor,
  files: readonly UploadRequest[],
  context?: UploadContext,
): Promise<BatchTicket[]> {
  const ctx = context ?? (await uploadContext());
  const grant = await allowance(user, files.length, ctx);
  if (grant.granted < 1) throw tooMany(grant.retryAfterSeconds);
  const results: BatchTicket[] = files.map(() => {
    const { status, code, message, retryAfterSeconds } = tooMany(grant.retryAfterSeconds);
    return { ok: false, error: { code, message, status, retryAfterSeconds } };
  });
  let next = 0;
  const worker = async () => {
    while (next < grant.granted) {
      const i = next++;
      const file = files[i];
      if (!file) continue;
      results[i] = await mintOne(user, file, ctx).then((ticket) => ({ ok: true, ticket }) as const, refusal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(MINT_CONCURRENCY, grant.granted) }, worker));
  return results;
}
