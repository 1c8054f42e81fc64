/** Image records on either engine: keyset pages in one order, idempotent completion. (Search: gallery-list.test.ts.) */
import { describe, expect, it } from 'vitest';
import { freshDb } from '@/test/helpers/db';
import { listGallery } from './gallery-list';
import { getImage, insertPendingImage, markReady, updateImage } from './images';
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
    let after: { position: number; id: string } | undefined;
    for (;;) {
      const page = await listGallery({ limit: 4, after }, db);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(['b-0', 'a_2', 'a', 'Z', 'B', 'A-1']);
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
