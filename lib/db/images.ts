/**
 * The app's image records: owner, title, size, placeholder, visibility. `id` is the app's record id
 * (`recordId` in code); `service_id` is the image's id in the image service (`serviceId` in code).
 */
import type { CaptureInfo } from '@/lib/cloudflare-images/capture-info';
import { type AppDb, resolveDb } from './index';
import type { ImageRow } from './schema';

export type { ImageRow };
export type ImageWithOwner = ImageRow & { owner_email: string; owner_name: string | null };

export async function insertPendingImage(
  row: { recordId: string; ownerId: string; title: string; filename: string },
  db?: AppDb,
): Promise<void> {
  const now = Date.now();
  await (await resolveDb(db))
    .insertInto('images')
    .values({
      id: row.recordId,
      owner_id: row.ownerId,
      title: row.title,
      filename: row.filename,
      status: 'pending',
      private: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function setServiceId(recordId: string, serviceId: string, db?: AppDb): Promise<void> {
  await (await resolveDb(db))
    .updateTable('images')
    .set({ service_id: serviceId, updated_at: Date.now() })
    .where('id', '=', recordId)
    .execute();
}

export interface ReadyFields {
  width: number;
  height: number;
  bytes: number;
  contentType: string;
  placeholder: string | null;
  filename: string | null;
  /** From the backend's capture-info extension; absent or null when it reported none. */
  capture?: CaptureInfo | null;
}

/**
 * The moment a photo was taken, for ordering: the camera's wall time at its recorded offset, or
 * read as UTC when it recorded none (off by at most the zone's offset; still the right day order).
 */
export function takenAtMs(capture: CaptureInfo | null | undefined): number | null {
  if (!capture?.takenAt) return null;
  const ms = Date.parse(`${capture.takenAt}${capture.offset ?? 'Z'}`);
  return Number.isFinite(ms) ? ms : null;
}

/** Marks a pending record ready; false when it was ready already (or is gone): completion is idempotent. */
export async function markReady(recordId: string, f: ReadyFields, db?: AppDb): Promise<boolean> {
  const now = Date.now();
  const takenAt = takenAtMs(f.capture);
  const result = await (await resolveDb(db))
    .updateTable('images')
    .set((eb) => ({
      status: 'ready',
      capture: f.capture ? JSON.stringify(f.capture) : null,
      taken_at: takenAt,
      timeline_at: takenAt ?? now,
      width: f.width,
      height: f.height,
      bytes: f.bytes,
      content_type: f.contentType,
      placeholder: f.placeholder,
      filename: f.filename ?? eb.ref('filename'),
      completing_until: null,
      created_at: now,
      updated_at: now,
    }))
    .where('id', '=', recordId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Claims a pending record's completion until `now + leaseMs`, in one conditional UPDATE, so of any
 * number of callers on any number of instances (SQLite or PostgreSQL) exactly one gets true. A claim
 * whose lease ran out (its holder crashed) can be taken again.
 */
export async function claimCompletion(
  recordId: string,
  leaseMs: number,
  db?: AppDb,
  now = Date.now(),
): Promise<boolean> {
  const result = await (await resolveDb(db))
    .updateTable('images')
    .set({ completing_until: now + leaseMs })
    .where('id', '=', recordId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('completing_until', 'is', null), eb('completing_until', '<', now)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Gives a claim back when the record is still pending (the bytes had not arrived, or the work failed). */
export async function releaseCompletion(recordId: string, db?: AppDb): Promise<void> {
  await (await resolveDb(db))
    .updateTable('images')
    .set({ completing_until: null })
    .where('id', '=', recordId)
    .where('status', '=', 'pending')
    .execute();
}

export const withOwner = (db: AppDb) =>
  db
    .selectFrom('images')
    .innerJoin('users', 'users.id', 'images.owner_id')
    .selectAll('images')
    .select(['users.email as owner_email', 'users.name as owner_name']);

export async function getImage(recordId: string, db?: AppDb): Promise<ImageWithOwner | undefined> {
  return withOwner(await resolveDb(db))
    .where('images.id', '=', recordId)
    .executeTakeFirst();
}

export async function getImageByServiceId(serviceId: string, db?: AppDb): Promise<ImageRow | undefined> {
  return (await resolveDb(db)).selectFrom('images').selectAll().where('service_id', '=', serviceId).executeTakeFirst();
}

/** `%text%` for LIKE with the user's own `%`, `_` and `\` taken literally (escaped with `\`). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function updateImage(
  recordId: string,
  changes: { title?: string; private?: boolean },
  db?: AppDb,
): Promise<void> {
  await (await resolveDb(db))
    .updateTable('images')
    .set({
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.private !== undefined ? { private: changes.private ? 1 : 0 } : {}),
      updated_at: Date.now(),
    })
    .where('id', '=', recordId)
    .execute();
}

export async function deleteImageRecord(recordId: string, db?: AppDb): Promise<boolean> {
  const result = await (await resolveDb(db)).deleteFrom('images').where('id', '=', recordId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** Pending records older than `olderThanMs`: candidates for reconciliation with the image service. */
export async function stalePending(olderThanMs: number, db?: AppDb): Promise<ImageRow[]> {
  return (await resolveDb(db))
    .selectFrom('images')
    .selectAll()
    .where('status', '=', 'pending')
    .where('created_at', '<=', Date.now() - olderThanMs)
    .orderBy('created_at')
    .limit(100)
    .execute();
}

export async function imagesOwnedBy(ownerId: string, db?: AppDb): Promise<ImageRow[]> {
  return (await resolveDb(db)).selectFrom('images').selectAll().where('owner_id', '=', ownerId).execute();
}
