import 'server-only';
/**
 * Bulk actions on images from the console: delete, make private or public, change owner. Each image
 * is done on its own (the image service first, then the record, then the audit log), and the result
 * says how many succeeded and why each of the others failed.
 */
import { ApiError, notFound } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/roles';
import { countAdminImages, type ImageRef, imagesByIds, matchingImageRefs, setImageOwner } from '@/lib/db/admin-images';
import { audit } from '@/lib/db/audit';
import { deleteImageRecord, updateImage } from '@/lib/db/images';
import { imagesClient } from '@/lib/images/client';
import { retagOwner } from '@/lib/images/owner-tag';
import { trashImageFor } from '@/lib/images/trash';
import { BULK_MAX, type BulkImagesRequest } from '@/lib/schemas/admin-images';
import { type BulkResult, runBulk } from './bulk';
import { assertAdmin } from './guard';
import { newOwner } from './owners';

type Target = { id: string; ref: ImageRef | undefined };

async function targets(selection: BulkImagesRequest['selection']): Promise<Target[]> {
  if (selection.kind === 'ids') {
    const ids = [...new Set(selection.ids)];
    const found = new Map((await imagesByIds(ids)).map((row) => [row.id, row]));
    return ids.map((id) => ({ id, ref: found.get(id) }));
  }
  // "All N matching": the filter is applied again now; if it no longer matches what the admin confirmed, nothing is done.
  const count = await countAdminImages(selection.filter);
  if (count !== selection.expected)
    throw new ApiError(
      409,
      'selection_changed',
      `The filter now matches ${count} image(s), not ${selection.expected}; nothing was changed. Review the list and try again.`,
    );
  if (count > BULK_MAX) throw new ApiError(400, 'too_many', `At most ${BULK_MAX} images at once; narrow the filter.`);
  return (await matchingImageRefs(selection.filter, BULK_MAX)).map((ref) => ({ id: ref.id, ref }));
}

const notReady = () => new ApiError(409, 'not_ready', 'The upload has not finished yet.');

function work(admin: Actor, req: BulkImagesRequest, ownerId: string | null): (ref: ImageRef) => Promise<void> {
  switch (req.action) {
    case 'delete':
      return async (ref) => {
        // A finished image goes to the trash (its delivery blocked at once); an unfinished upload away.
        if (ref.status === 'ready' && ref.service_id) return trashImageFor(admin, ref.id);
        if (ref.service_id) await imagesClient().remove(ref.service_id);
        await deleteImageRecord(ref.id);
        await audit(admin.id, 'image.deleted', ref.id, { title: ref.title, bulk: true });
      };
    case 'make_private':
    case 'make_public': {
      const makePrivate = req.action === 'make_private';
      return async (ref) => {
        if (ref.status !== 'ready' || !ref.service_id) throw notReady();
        if ((ref.private === 1) === makePrivate) return;
        await imagesClient().update(ref.service_id, { requireSignedURLs: makePrivate });
        await updateImage(ref.id, { private: makePrivate });
        await audit(admin.id, 'image.updated', ref.id, { private: makePrivate, bulk: true });
      };
    }
    case 'change_owner':
      return async (ref) => {
        if (!ownerId || ref.owner_id === ownerId) return;
        if (!(await setImageOwner(ref.id, ownerId))) throw notFound();
        if (ref.service_id) await retagOwner([ref.service_id], ownerId);
        await audit(admin.id, 'image.owner_changed', ref.id, { from: ref.owner_id, to: ownerId, bulk: true });
      };
  }
}

export async function bulkImages(admin: Actor, req: BulkImagesRequest): Promise<BulkResult> {
  assertAdmin(admin);
  const ownerId = req.action === 'change_owner' ? (await newOwner(req.ownerId ?? '')).id : null;
  const act = work(admin, req, ownerId);
  return runBulk(
    await targets(req.selection),
    (t) => t.ref?.title ?? t.id,
    async (t) => {
      if (!t.ref) throw notFound();
      await act(t.ref);
    },
  );
}
