/** Migrations on either engine: run once, recorded once, and opening a migrated store again changes nothing. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshStore, openTestDb } from '@/test/helpers/db';
import { MIGRATIONS } from './migrations/index';
import { createUser, findUserByEmail } from './users';

describe('app store migrations', () => {
  it('run once: opening the store again keeps its rows and runs nothing twice', async () => {
    const where = await freshStore();
    const first = await openTestDb(where);
    await createUser({ email: 'kept@example.com', passwordHash: null, role: 'viewer' }, first);
    const again = await openTestDb(where);
    expect((await findUserByEmail('kept@example.com', again))?.role).toBe('viewer');
    const recorded = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(again);
    expect(recorded.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
  });
});
