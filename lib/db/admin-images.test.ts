/** The console's image queries: every filter, both sorts, offset pages, selections and transfers (both engines). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminImageFilter } from '@/lib/schemas/admin-images';
import { freshDb } from '@/test/helpers/db';
import {
  countAdminImages,
  imagesByIds,
  imageTotals,
  listAdminImages,
  matchingImageRefs,
  moveAllImages,
  setImageOwner,
} from './admin-images';
import { insertPendingImage, markReady, setServiceId, updateImage } from './images';
import type { AppDb } from './index';
import { createUser } from './users';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-10T12:00:00Z');
let db: AppDb;
let ann: string;
let ben: string;

/** A ready image uploaded at `at`, with a size and a visibility. */
async function image(
  id: string,
  owner: string,
  title: string,
  filename: string,
  at: number,
  bytes: number,
  pub = false,
) {
  await insertPendingImage({ recordId: id, ownerId: owner, title, filename }, db);
  await setServiceId(id, `svc-${id}`, db);
  await markReady(
    id,
    { width: 100, height: 50, bytes, contentType: 'image/jpeg', placeholder: null, filename: null },
    db,
  );
  // markReady stamps "now"; the tests need known upload times.
  await db.updateTable('images').set({ created_at: at }).where('id', '=', id).execute();
  if (pub) await updateImage(id, { private: false }, db);
}

const all: AdminImageFilter = { visibility: 'all' };
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const list = (
  filter: AdminImageFilter,
  sort: 'date' | 'size' = 'date',
  dir: 'asc' | 'desc' = 'desc',
  offset = 0,
  limit = 50,
) => listAdminImages({ filter, sort, dir, offset, limit }, db).then(ids);

beforeAll(async () => {
  db = await freshDb();
  ann = (await createUser({ email: 'ann@example.com', passwordHash: null, role: 'uploader', name: 'Ann' }, db)).id;
  ben = (await createUser({ email: 'ben@example.com', passwordHash: null, role: 'uploader' }, db)).id;
  await image('a1', ann, 'Sunset', 'IMG_0001.jpg', T0, 3000, true);
  await image('a2', ann, 'Beach 100%', 'beach.jpg', T0 + DAY, 1000);
  await image('a3', ann, 'Forest', 'sunny_day.JPG', T0 + 2 * DAY, 5000);
  await image('b1', ben, 'City', 'city.png', T0 + 3 * DAY, 2000, true);
  await image('b2', ben, 'Mountain', 'mtn.webp', T0 + 4 * DAY, 4000);
  // A pending upload: listed (with no size yet), never counted in the totals.
  await insertPendingImage({ recordId: 'p1', ownerId: ben, title: 'Half there', filename: 'half.jpg' }, db);
  await db
    .updateTable('images')
    .set({ created_at: T0 + 5 * DAY })
    .where('id', '=', 'p1')
    .execute();
});

describe('admin image list', () => {
  it('lists every record, pending uploads included, newest first by default', async () => {
    expect(await list(all)).toEqual(['p1', 'b2', 'b1', 'a3', 'a2', 'a1']);
    expect(await countAdminImages(all, db)).toBe(6);
  });

  it('searches title or filename, case-insensitively and literally', async () => {
    expect(await list({ ...all, q: 'sun' })).toEqual(['a3', 'a1']); // filename "sunny_day", title "Sunset"
    expect(await list({ ...all, q: 'img_0001' })).toEqual(['a1']);
    expect(await list({ ...all, q: '100%' })).toEqual(['a2']);
    expect(await list({ ...all, q: '_' })).toEqual(['a3', 'a1']); // "_" is not a wildcard
    expect(await countAdminImages({ ...all, q: 'nothing like it' }, db)).toBe(0);
  });

  it('filters by owner, visibility and an inclusive range of UTC days', async () => {
    expect(await list({ ...all, owner: ben })).toEqual(['p1', 'b2', 'b1']);
    expect(await list({ visibility: 'public' })).toEqual(['b1', 'a1']);
    expect(await list({ visibility: 'private', owner: ann })).toEqual(['a3', 'a2']);
    expect(await list({ ...all, from: '2025-03-11', to: '2025-03-13' })).toEqual(['b1', 'a3', 'a2']);
    expect(await list({ ...all, to: '2025-03-10' })).toEqual(['a1']);
    expect(await countAdminImages({ ...all, from: '2025-03-11', to: '2025-03-13' }, db)).toBe(3);
  });

  it('sorts by size (pending as 0 bytes) and by date, either way, with stable ties', async () => {
    expect(await list(all, 'size', 'desc')).toEqual(['a3', 'b2', 'a1', 'b1', 'a2', 'p1']);
    expect(await list(all, 'size', 'asc')).toEqual(['p1', 'a2', 'b1', 'a1', 'b2', 'a3']);
    expect(await list(all, 'date', 'asc')).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'p1']);
  });

  it('pages by offset without overlap or gaps', async () => {
    const pages = [await list(all, 'size', 'desc', 0, 4), await list(all, 'size', 'desc', 4, 4)];
    expect(pages).toEqual([
      ['a3', 'b2', 'a1', 'b1'],
      ['a2', 'p1'],
    ]);
    expect(await list(all, 'date', 'desc', 6, 4)).toEqual([]);
  });

  it('returns the refs a bulk action needs, and records by id with their owners', async () => {
    const refs = await matchingImageRefs({ visibility: 'public' }, 10, db);
    expect(refs).toEqual([
      { id: 'b1', service_id: 'svc-b1', title: 'City', status: 'ready', private: 0, owner_id: ben },
      { id: 'a1', service_id: 'svc-a1', title: 'Sunset', status: 'ready', private: 0, owner_id: ann },
    ]);
    expect(await matchingImageRefs(all, 2, db)).toHaveLength(2);
    const rows = await imagesByIds(['a1', 'missing'], db);
    expect(rows.map((r) => [r.id, r.owner_email, r.owner_name])).toEqual([['a1', 'ann@example.com', 'Ann']]);
    expect(await imagesByIds([], db)).toEqual([]);
  });

  it('counts finished images and their bytes only', async () => {
    expect(await imageTotals(db)).toEqual({ images: 5, bytes: 15_000 });
  });
});

describe('owner changes', () => {
  it('moves one record, or all of one owner’s', async () => {
    const other = await freshDb();
    const x = (await createUser({ email: 'x@example.com', passwordHash: null, role: 'uploader' }, other)).id;
    const y = (await createUser({ email: 'y@example.com', passwordHash: null, role: 'uploader' }, other)).id;
    for (const id of ['i1', 'i2', 'i3'])
      await insertPendingImage({ recordId: id, ownerId: x, title: id, filename: id }, other);
    expect(await setImageOwner('i1', y, other)).toBe(true);
    expect(await setImageOwner('nope', y, other)).toBe(false);
    expect(await moveAllImages(x, y, other)).toBe(2);
    expect(await moveAllImages(x, y, other)).toBe(0);
    expect(await countAdminImages({ visibility: 'all', owner: y }, other)).toBe(3);
  });
});
