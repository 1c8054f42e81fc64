import 'server-only';
/** The console's image table: one page of every image, filtered and sorted, thumbnails signed, deliveries counted. */
import type { Actor } from '@/lib/auth/roles';
import { countAdminImages, imagesByIds, listAdminImages, matchingImageRefs } from '@/lib/db/admin-images';
import type { ImageWithOwner } from '@/lib/db/images';
import { signingKey } from '@/lib/images/signing-keys';
import { signedVariantUrls } from '@/lib/images/urls';
import type { AdminImagePage, AdminImageQuery, AdminImageRow } from '@/lib/schemas/admin-images';
import { assertAdmin } from './guard';
import { deliveriesByImage } from './usage-source';

export const DELIVERY_DAYS = 30;
/** Sorting by deliveries ranks this many of the newest matching images (counts live in the image service). */
const DELIVERY_SORT_MAX = 20_000;

type Deliveries = ReadonlyMap<string, number> | null;

function toRow(row: ImageWithOwner, deliveries: Deliveries, nowMs: number, key: string): AdminImageRow {
  const ready = row.status === 'ready' && row.service_id !== null;
  return {
    id: row.id,
    title: row.title,
    filename: row.filename,
    owner: { id: row.owner_id, name: row.owner_name, email: row.owner_email },
    status: row.status,
    private: row.private === 1,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    createdAt: new Date(row.created_at).toISOString(),
    thumbnailUrl: ready ? signedVariantUrls(row.service_id as string, ['thumbnail'], nowMs, key).urls.thumbnail : null,
    deliveries: deliveries && row.service_id ? (deliveries.get(row.service_id) ?? 0) : null,
  };
}

const serviceIds = (rows: readonly { service_id: string | null }[]) =>
  rows.flatMap((r) => (r.service_id ? [r.service_id] : []));

/** Rows ranked by deliveries (ties: newest first), or null when the backend has no counts. */
async function byDeliveries(q: AdminImageQuery, offset: number) {
  const refs = await matchingImageRefs(q, DELIVERY_SORT_MAX);
  const deliveries = await deliveriesByImage(serviceIds(refs), DELIVERY_DAYS);
  if (!deliveries) return null;
  const count = (serviceId: string | null) => (serviceId ? (deliveries.get(serviceId) ?? 0) : 0);
  const sign = q.dir === 'asc' ? 1 : -1;
  // refs are newest first and the sort is stable, so equal counts stay newest first.
  const ranked = refs
    .map((ref, i) => ({ ref, i }))
    .sort((a, b) => sign * (count(a.ref.service_id) - count(b.ref.service_id)) || a.i - b.i)
    .slice(offset, offset + q.size)
    .map(({ ref }) => ref.id);
  const found = new Map((await imagesByIds(ranked)).map((row) => [row.id, row]));
  const rows = ranked.flatMap((id) => found.get(id) ?? []);
  return { rows, deliveries };
}

export async function adminImagePage(admin: Actor, q: AdminImageQuery, nowMs = Date.now()): Promise<AdminImagePage> {
  assertAdmin(admin);
  const total = await countAdminImages(q);
  const page = Math.min(q.page, Math.max(1, Math.ceil(total / q.size)));
  const offset = (page - 1) * q.size;
  const common = { total, page, pageSize: q.size, dir: q.dir };
  const key = await signingKey(nowMs);
  if (q.sort === 'deliveries') {
    const ranked = await byDeliveries(q, offset);
    if (ranked) {
      const rows = ranked.rows.map((r) => toRow(r, ranked.deliveries, nowMs, key));
      return { ...common, rows, sort: 'deliveries', deliveriesAvailable: true };
    }
  }
  const sort = q.sort === 'size' ? 'size' : 'date';
  const rows = await listAdminImages({ filter: q, sort, dir: q.dir, offset, limit: q.size });
  const deliveries = await deliveriesByImage(serviceIds(rows), DELIVERY_DAYS);
  return {
    ...common,
    rows: rows.map((r) => toRow(r, deliveries, nowMs, key)),
    sort,
    deliveriesAvailable: deliveries !== null,
  };
}
