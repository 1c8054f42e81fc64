/** Popular tags on either engine: only images in the library count (not pending uploads, not the trash). */
import { describe, expect, it } from 'vitest';
import { freshDb } from '@/test/helpers/db';
import { popularTags, updateImageFields } from './image-text';
import { insertPendingImage, markReady } from './images';
import { trashImageRecord } from './trash';
import { createUser } from './users';

const ready = { width: 10, height: 10, bytes: 1, contentType: 'image/jpeg', placeholder: null, filename: null };

describe('popular tags', () => {
  it('count ready images in the library only', async () => {
    const db = await freshDb();
    const owner = (await createUser({ email: 'o@example.com', passwordHash: null, role: 'uploader' }, db)).id;
    const add = async (id: string, tags: string[], finish = true) => {
      await insertPendingImage({ recordId: id, ownerId: owner, title: id, filename: `${id}.jpg` }, db);
      if (finish) await markReady(id, ready, db);
      await updateImageFields(id, { tags }, db);
    };
    await add('a', ['sea', 'boat']);
    await add('b', ['sea']);
    await add('c', ['boat', 'secret']);
    await add('d', ['pending'], false);
    expect(await trashImageRecord('c', owner, Date.now(), db)).toBe(true);

    expect(await popularTags({ limit: 10 }, db)).toEqual([
      { tag: 'sea', count: 2 },
      { tag: 'boat', count: 1 },
    ]);
    expect(await popularTags({ ownerId: owner, limit: 10 }, db)).toHaveLength(2);
  });
});
