/**
 * Moving a store between engines (`npm run db:copy`): SQLite to PostgreSQL and back, with the rows a
 * used install holds, all or nothing, never into a store that holds data.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { touchSession } from '@/lib/auth/session-store';
import { createUser, DuplicateEmailError } from '@/lib/db/users';
import { openTestDb } from '@/test/helpers/db';
import { dumpStore, seedStore } from '@/test/helpers/store-seed';
import { createTestSchema, schemaUrl } from '@/test/helpers/test-engine';
import { copyStore, TargetNotEmptyError } from './copy';
import type { AppDb } from './index';
import { TABLES } from './schema';

const sqliteStore = () =>
  openTestDb({ engine: 'sqlite', file: path.join(mkdtempSync(path.join(tmpdir(), 'pixvault-copy-')), 'app.db') });
const postgresStore = async () => openTestDb({ engine: 'postgres', url: schemaUrl(await createTestSchema()) });

async function auditIds(db: AppDb): Promise<number[]> {
  return (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));
}

/** The copy is a working store: sessions live, rules hold, new audit ids continue above the copied ones. */
async function expectUsable(target: AppDb, seeded: { adminId: string; adminSession: string }): Promise<void> {
  expect(await touchSession(seeded.adminSession, seeded.adminId, target)).toBe(true);
  await expect(
    createUser({ email: 'ADMIN.SEED@example.com', passwordHash: 'x', role: 'viewer' }, target),
  ).rejects.toBeInstanceOf(DuplicateEmailError);
  const before = await auditIds(target);
  await target
    .insertInto('audit_log')
    .values({ at: Date.now(), actor_id: null, action: 'after.copy', target: null, detail: null })
    .execute();
  const after = await auditIds(target);
  expect(after.at(-1)).toBe(Math.max(...before) + 1);
}

describe('copying a store to the other engine', () => {
  it('SQLite to PostgreSQL: every row of every table, verified by counts', async () => {
    const source = await sqliteStore();
    const seeded = await seedStore(source);
    const target = await postgresStore();
    const counts = await copyStore(source, target);
    expect(counts.map((c) => c.table)).toEqual([...TABLES]);
    for (const c of counts) expect(c.target).toBe(c.copied);
    expect(counts.find((c) => c.table === 'users')?.copied).toBe(3);
    expect(counts.find((c) => c.table === 'audit_log')?.copied).toBe(3);
    expect(await dumpStore(target)).toEqual(await dumpStore(source));
    await expectUsable(target, seeded);
  });

  it('PostgreSQL to SQLite: every row of every table, verified by counts', async () => {
    const source = await postgresStore();
    const seeded = await seedStore(source);
    // Gaps in the ids (deleted rows) are kept, not renumbered.
    await source.deleteFrom('audit_log').where('action', '=', 'user.added').execute();
    const target = await sqliteStore();
    const counts = await copyStore(source, target);
    for (const c of counts) expect(c.target).toBe(c.copied);
    expect(await dumpStore(target)).toEqual(await dumpStore(source));
    expect(await auditIds(target)).toEqual(await auditIds(source));
    await expectUsable(target, seeded);
  });

  it('refuses a target that holds any row, and changes nothing', async () => {
    const source = await sqliteStore();
    await seedStore(source);
    const target = await postgresStore();
    await createUser({ email: 'already@example.com', passwordHash: 'x', role: 'admin' }, target);
    const before = await dumpStore(target);
    const refused = copyStore(source, target);
    await expect(refused).rejects.toBeInstanceOf(TargetNotEmptyError);
    await expect(refused).rejects.toThrow(
      'The target already holds data (users: 1); db:copy copies only into an empty store, so nothing was changed.',
    );
    expect(await dumpStore(target)).toEqual(before);
  });

  it('leaves the target empty when a row cannot be written', async () => {
    const source = await sqliteStore();
    await seedStore(source);
    const target = await postgresStore();
    // A rule the target has and the source's rows break: images are written after users.
    await sql`alter table images add constraint no_quotes check (title not like '%‘%')`.execute(target);
    await expect(copyStore(source, target)).rejects.toThrow(/no_quotes/);
    for (const rows of Object.values(await dumpStore(target))) expect(rows).toEqual([]);
  });

  it('refuses a store with a table it does not know', async () => {
    const source = await sqliteStore();
    await sql`create table notes (id integer primary key)`.execute(source);
    await expect(copyStore(source, await postgresStore())).rejects.toThrow(
      'The store has tables db:copy does not know (notes); add them to TABLES in lib/db/schema.ts.',
    );
  });
});
