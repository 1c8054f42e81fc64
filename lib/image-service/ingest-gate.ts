/**
 * The gate every upload passes: a slot of its client (see upload-slots.ts) for as long as it is received
 * and validated, and a minimum body rate while it arrives (see body-rate.ts).
 */
import type { IncomingMessage } from 'node:http';
import { cfError } from '@/lib/cloudflare-images/errors';
import type { BodyLimits } from './body';
import { watchBodyRate } from './body-rate';
import type { ServiceConfig } from './config';
import type { ImageService } from './service';
import { clientKey } from './upload-slots';

/**
 * Runs `work` as one of the uploads in progress, or answers 429 when its client or everyone has too
 * many. `work` reads the body with the given signal, which aborts when the body arrives too slowly.
 */
export async function gated<T>(
  svc: ImageService,
  req: IncomingMessage,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const release = svc.uploads.acquire(clientKey(req));
  const rate = watchBodyRate(req, svc.config.uploads);
  try {
    return await work(rate.signal);
  } finally {
    rate.stop();
    release();
  }
}

/** What an upload form may hold. */
export function formLimits(config: ServiceConfig): BodyLimits {
  return { maxFileBytes: config.limits.maxBytes, maxFieldBytes: 8 * 1024, maxFields: 64 };
}

const isConstraintError = (err: unknown) =>
  err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_CONSTRAINT');

/** Runs an insert of image `id`, turning a unique-key failure into the API's 409. */
export function insertingId<T>(id: string, insert: () => T): T {
  try {
    return insert();
  } catch (err) {
    throw isConstraintError(err) ? idTaken(id) : err;
  }
}

export const idTaken = (id: string) => cfError(5409, `Resource already exists: an image with id "${id}" exists.`);
