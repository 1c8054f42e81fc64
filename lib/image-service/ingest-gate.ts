/** Uploads being received or validated at once are capped: each holds up to 10 MB in memory. */
import { cfError } from '@/lib/cloudflare-images/errors';
import type { BodyLimits } from './body';
import type { ServiceConfig } from './config';

const MAX_ACTIVE_INGESTS = 32;

let activeIngests = 0;

/** Runs `work` as one of the uploads in progress, or answers 429 when there are too many. */
export async function gated<T>(work: () => Promise<T>): Promise<T> {
  if (activeIngests >= MAX_ACTIVE_INGESTS) throw cfError(5453, undefined, { headers: { 'retry-after': '2' } });
  activeIngests++;
  try {
    return await work();
  } finally {
    activeIngests--;
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
