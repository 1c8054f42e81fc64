/**
 * The trash, on top of the image backend: deleting moves an image here (its delivery blocked at once),
 * restoring brings it back, and purging — "delete forever", "Empty trash", or the sweep after
 * TRASH_DAYS — deletes the original and every variant from the backend, then the record.
 */
import { ApiError, forbidden, notFound } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/roles';
import { TRASHED_METADATA_KEY } from '@/lib/cloudflare-images/trash';
import { audit } from '@/lib/db/audit';
import { deleteImageRecord } from '@/lib/db/images';
import type { AppDb } from '@/lib/db/index';
import type { ImageRow } from '@/lib/db/schema';
import { claimForPurge, listTrash, restoreImageRecord, TRASH_MS, trashImageRecord } from '@/lib/db/trash';
import { displayName } from '@/lib/people/display-name';
import type { TrashItem } from '@/lib/schemas/trash';
import { type ImagesClient, imagesClient } from './client';
import { loadManagedImage } from './read';

/**
 * Blocks or unblocks delivery of one image: the `trashed` metadata key, which the embedded service
 * honours for every URL, and `requireSignedURLs`, which on real Cloudflare at least stops unsigned URLs.
 * The metadata is read back first because the backend's PATCH replaces the whole object.
 */
export async function setDeliveryBlocked(
  client: ImagesClient,
  image: { service_id: string; private: number },
  blocked: boolean,
  now: number,
): Promise<void> {
  const meta = Object.fromEntries(
    Object.entries((await client.get(image.service_id)).meta ?? {}).flatMap(([k, v]) =>
      k !== TRASHED_METADATA_KEY && typeof v === 'string' ? [[k, v]] : [],
    ),
  );
  await client.update(image.service_id, {
    metadata: blocked ? { ...meta, [TRASHED_METADATA_KEY]: new Date(now).toISOString() } : meta,
    requireSignedURLs: blocked || image.private === 1,
  });
}

/** Moves an image its actor may manage to the trash; 404 when unknown or trashed already. */
export async function trashImageFor(actor: Actor, recordId: string, now = Date.now()): Promise<void> {
  const row = await loadManagedImage(actor, recordId);
  // Blocked first: if the backend refuses, the image stays in the library and nothing is half-done.
  await setDeliveryBlocked(imagesClient(), row, true, now);
  if (!(await trashImageRecord(recordId, actor.id, now))) throw notFound();
  await audit(actor.id, 'image.trashed', recordId, { title: row.title });
}

/**
 * An image someone other than its owner put in the trash (only an admin can: a takedown) comes back only
 * through an admin; the owner may still delete it forever.
 */
export function restorableBy(actor: Actor, row: Pick<ImageRow, 'owner_id' | 'trashed_by'>): boolean {
  return actor.role === 'admin' || row.trashed_by === null || row.trashed_by === row.owner_id;
}

export async function restoreImageFor(actor: Actor, recordId: string, now = Date.now()): Promise<void> {
  const row = await loadManagedImage(actor, recordId, true);
  if (!restorableBy(actor, row))
    throw forbidden('An admin moved this image to the trash; only an admin can restore it.');
  // Unblocked first: if the backend refuses, the image stays in the trash as it was and a retry works
  // (the record first would put it back in the library still blocked, and a retry would 404). A purge
  // that claims it in between deletes it from the backend anyway.
  await setDeliveryBlocked(imagesClient(), row, false, now);
  if (!(await restoreImageRecord(recordId, now)))
    throw new ApiError(409, 'being_purged', 'This image is being deleted forever and cannot be restored.');
  await audit(actor.id, 'image.restored', recordId, { title: row.title });
}

/** Deletes claimed images from the backend (original and variants), then their records; returns how many. */
async function purgeClaimed(rows: readonly ImageRow[], actorId: string | null, reason: string, db?: AppDb) {
  let purged = 0;
  for (const row of rows) {
    if (row.service_id) await imagesClient().remove(row.service_id);
    await deleteImageRecord(row.id, db);
    await audit(actorId, 'image.purged', row.id, { title: row.title, reason }, db);
    purged++;
  }
  return purged;
}

/** "Delete forever" of one trashed image; 409 when another purge has it already. */
export async function purgeImageFor(actor: Actor, recordId: string, now = Date.now()): Promise<void> {
  await loadManagedImage(actor, recordId, true);
  const claimed = await claimForPurge({ now, ids: [recordId], limit: 1 });
  if (claimed.length === 0) throw new ApiError(409, 'being_purged', 'This image is already being deleted.');
  await purgeClaimed(claimed, actor.id, 'deleted forever');
}

/** Admins' "Empty trash": every trashed image, in batches; returns how many were purged. */
export async function emptyTrash(admin: Actor, now = Date.now()): Promise<number> {
  if (admin.role !== 'admin') throw forbidden('Only admins can empty the trash.');
  let purged = 0;
  for (;;) {
    const ids = (await listTrash({ limit: 100 })).map((r) => r.id);
    const claimed = await claimForPurge({ now, ids, limit: 100 });
    if (claimed.length === 0) return purged;
    purged += await purgeClaimed(claimed, admin.id, 'trash emptied');
  }
}

/**
 * The sweep: purges images trashed more than TRASH_DAYS ago. Idempotent, and safe with several
 * instances: each image is claimed by exactly one. A failure leaves the claim, retried after its lease.
 */
export async function sweepTrash(now = Date.now(), db?: AppDb): Promise<number> {
  let purged = 0;
  for (;;) {
    const claimed = await claimForPurge({ now, limit: 50 }, db);
    if (claimed.length === 0) return purged;
    purged += await purgeClaimed(claimed, null, 'trash period over', db);
  }
}

/** The trash page's list: the actor's own trashed images, or everyone's for an admin. */
export async function trashFor(actor: Actor): Promise<TrashItem[]> {
  const rows = await listTrash({ ownerId: actor.role === 'admin' ? undefined : actor.id, limit: 500 });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    owner: displayName({ id: r.owner_id, name: r.owner_name, email: r.owner_email }, actor),
    mine: r.owner_id === actor.id,
    restorable: restorableBy(actor, r),
    trashedAt: new Date(r.trashed_at).toISOString(),
    purgeAt: new Date(r.trashed_at + TRASH_MS).toISOString(),
  }));
}
