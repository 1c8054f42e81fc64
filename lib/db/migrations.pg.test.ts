/** Migrating on PostgreSQL: two instances starting at once, and a database with other schemas in it. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshStore, openTestDb } from '@/test/helpers/db';
import { MIGRATIONS } from './migrations/index';

const recorded = async (db: Awaited<ReturnType<typeof openTestDb>>) =>
  (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)).rows.map((r) => r.name);

describe('app store migrations on PostgreSQL', () => {
  it('let two instances start on an empty database at once: one migrates, the other waits and finds it done', async () => {
    const where = await freshStore();
    const [a, b] = await Promise.all([openTestDb(where), openTestDb(where)]);
    expect(await recorded(a)).toEqual(Object.keys(MIGRATIONS));
    expect(await recorded(b)).toEqual(Object.keys(MIGRATIONS));
  });

  it("create the tables in the URL's schema, though other schemas of the database hold a store too", async () => {
    const [one, two] = [await freshStore(), await freshStore()];
    const first = await openTestDb(one);
    const second = await openTestDb(two);
    for (const db of [first, second]) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_name IN ('users', 'kysely_migration')`.execute(db);
      expect(rows[0]?.n).toBe(2);
      expect(await recorded(db)).toEqual(Object.keys(MIGRATIONS));
    }
  });
});
