import 'server-only';
/**
 * One image at a time from the console (title, metadata), and the transfer of every image of one user
 * to another (offered when a user is removed). Lists and bulk actions: ./image-list.ts, ./image-bulk.ts.
 */
import { ApiError, notFound } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/roles';
import { MAX_METADATA_BYTES, metadataBytes } from '@/lib/cloudflare-images/limits';
import { audit } from '@/lib/db/audit';
import { getImage, updateImage } from '@/lib/db/images';
import { imagesClient } from '@/lib/images/client';
import { type AdminImageEdit, type AdminImageMetadata, RESERVED_METADATA_KEYS } from '@/lib/schemas/admin-images';
import { assertAdmin } from './guard';

const isReserved = (key: string) => (RESERVED_METADATA_KEYS as readonly string[]).includes(key);

/** A finished image the service has; 404 for unknown ids, 409 while the upload is pending. */
async function storedImage(recordId: string) {
  const row = await getImage(recordId);
  if (!row) throw notFound();
  if (row.status !== 'ready' || !row.service_id)
    throw new ApiError(409, 'not_ready', 'The upload has not finished yet.');
  return { ...row, service_id: row.service_id };
}

/** Values as text for the editor; anything that is not a string is shown as JSON. */
function asText(meta: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** The image's metadata from the image service, split into the admin's keys and Pixvault's own. */
export async function imageMetadataFor(admin: Actor, recordId: string): Promise<AdminImageMetadata> {
  assertAdmin(admin);
  const row = await storedImage(recordId);
  const meta = asText((await imagesClient().get(row.service_id)).meta ?? {});
  const entries = Object.entries(meta);
  return {
    metadata: Object.fromEntries(entries.filter(([k]) => !isReserved(k))),
    reserved: Object.fromEntries(entries.filter(([k]) => isReserved(k))),
  };
}

/**
 * Retitles an image and/or replaces its metadata. The service's PATCH replaces the whole object, so
 * Pixvault's own keys (ownership, deployment) are read back and kept whatever the admin sent.
 */
export async function editImage(admin: Actor, recordId: string, edit: AdminImageEdit): Promise<void> {
  assertAdmin(admin);
  if (edit.metadata) {
    const row = await storedImage(recordId);
    const current = (await imagesClient().get(row.service_id)).meta ?? {};
    const kept = Object.entries(current).filter(
      (entry): entry is [string, string] => isReserved(entry[0]) && typeof entry[1] === 'string',
    );
    const next = { ...edit.metadata, ...Object.fromEntries(kept) };
    if (metadataBytes(next) > MAX_METADATA_BYTES)
      throw new ApiError(
        400,
        'metadata_too_large',
        `Metadata can hold at most ${MAX_METADATA_BYTES} bytes (as JSON), Pixvault's own keys included.`,
      );
    await imagesClient().update(row.service_id, { metadata: next });
    await audit(admin.id, 'image.metadata_changed', recordId, { keys: Object.keys(edit.metadata) });
  }
  if (edit.title !== undefined) {
    if (!(await getImage(recordId))) throw notFound();
    await updateImage(recordId, { title: edit.title });
    await audit(admin.id, 'image.updated', recordId, { title: edit.title });
  }
}
