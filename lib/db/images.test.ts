/** Image records on either engine: keyset pages in one order, literal case-insensitive search, idempotent completion. */
import { describe, expect, it } from 'vitest';
import { freshDb } from '@/test/helpers/db';
import { getImage, insertPendingImage, listImages, markReady, updateImage } from './images';
import { createUser } from './users';

const ready = { width: 10, height: 10, bytes: 1, contentType: 'image/jpeg', placeholder: null, filename: null };

describe('image records', () => {
  it('page newest first by (created_at, id), ties in byte order of the id, the same on both engines', async () => {
    const db = await freshDb();
    const owner = await createUser({ email: 'o@example.com', passwordHash: null, role: 'uploader' }, db);
    const ids = ['A-1', 'B', 'a', 'a_2', 'b-0', 'Z'];
    for (const id of ids) {
      await insertPendingImage({ recordId: id, ownerId: owner.id, title: id, filename: `${id}.jpg` }, db);
      await markReady(id, ready, db);
    }
    // One moment for all: only the id decides.
    await db.updateTable('images').set({ created_at: 1_000 }).execute();
    const seen: string[] = [];
    let cursor: { createdAt: number; id: string } | undefined;
    for (;;) {
      const page = await listImages({ limit: 4, cursor }, db);
      seen.push(...page.map((r) => r.id));
      const last = page.at(-1);
      if (page.length < 4 || !last) break;
      cursor = { createdAt: last.created_at, id: last.id };
    }
    expect(seen).toEqual(['b-0', 'a_2', 'a', 'Z', 'B', 'A-1']);
  });

  it('search titles as literal text, ignoring case', async () => {
    const db = await freshDb();
    const owner = await createUser({ email: 'o@example.com', passwordHash: null, role: 'uploader' }, db);
    for (const title of ['100% Sunny', 'a_b', 'aXb', 'back\\slash']) {
      await insertPendingImage({ recordId: title, ownerId: owner.id, title, filename: 'f.jpg' }, db);
      await markReady(title, ready, db);
    }
    const titles = async (search: string) => (await listImages({ search, limit: 10 }, db)).map((r) => r.title).sort();
    expect(await titles('sunny')).toEqual(['100% Sunny']);
    expect(await titles('0%')).toEqual(['100% Sunny']);
    expect(await titles('a_b')).toEqual(['a_b']);
    expect(await titles('\\')).toEqual(['back\\slash']);
    expect(await titles('A')).toEqual(['aXb', 'a_b', 'back\\slash']);
  });

  it('complete once, keep the filename unless told otherwise, and change title and visibility', async () => {
    const db = await freshDb();
    const owner = await createUser({ email: 'o@example.com', passwordHash: null, role: 'uploader' }, db);
    await insertPendingImage({ recordId: 'r', ownerId: owner.id, title: 't', filename: 'kept.jpg' }, db);
    expect(await markReady('r', ready, db)).toBe(true);
    expect(await markReady('r', { ...ready, filename: 'other.jpg' }, db)).toBe(false);
    await updateImage('r', { private: false }, db);
    await updateImage('r', { title: 'new title' }, db);
    expect(await getImage('r', db)).toMatchObject({
      status: 'ready',
      filename: 'kept.jpg',
      title: 'new title',
      private: 0,
      owner_email: 'o@example.com',
    });
  });
});
