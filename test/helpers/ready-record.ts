/**
 * A finished image record straight in the app's store (no image service behind it): for tests of what
 * the app does with records (albums, share links), where only ids and sizes matter.
 */
import { insertPendingImage, markReady, setServiceId, updateImage } from '@/lib/db/images';

export async function readyRecord(
  ownerId: string,
  ids: { recordId: string; serviceId: string; title: string },
  opts: { width?: number; height?: number; private?: boolean } = {},
): Promise<string> {
  await insertPendingImage({ recordId: ids.recordId, ownerId, title: ids.title, filename: 'p.jpg' });
  await setServiceId(ids.recordId, ids.serviceId);
  await markReady(ids.recordId, {
    width: opts.width ?? 400,
    height: opts.height ?? 300,
    bytes: 10,
    contentType: 'image/jpeg',
    placeholder: null,
    filename: null,
  });
  if (opts.private === false) await updateImage(ids.recordId, { private: false });
  return ids.recordId;
}
