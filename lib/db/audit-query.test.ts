/** Reading the audit log: each filter alone and together, pages that add up, exports that neither skip nor repeat. */
import { describe, expect, it } from 'vitest';
import { freshDb } from '@/test/helpers/db';
import { recordAudit } from './audit';
import { type AuditFilter, auditActions, eachAudit, listAudit } from './audit-query';
import { insertPendingImage } from './images';
import { createUser } from './users';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 10);

async function seeded() {
  const db = await freshDb();
  const admin = await createUser({ email: 'admin@example.com', passwordHash: null, role: 'admin' }, db);
  const bob = await createUser({ email: 'bob@example.com', passwordHash: null, role: 'uploader' }, db);
  await insertPendingImage({ recordId: 'img-1', ownerId: bob.id, title: 'Sunset', filename: 's.jpg' }, db);
  const entry = (at: number, actorId: string | null, action: string, target: string | null, ip: string | null = null) =>
    recordAudit({ at, actorId, action, target, ip }, db);
  await entry(T0, bob.id, 'image.uploaded', 'img-1', '203.0.113.5');
  await entry(T0 + DAY, admin.id, 'user.role_changed', bob.id);
  await entry(T0 + DAY + 1, admin.id, 'user.disabled', admin.id);
  await entry(T0 + 2 * DAY, null, 'auth.sign_in_failed', 'ghost@example.com', '198.51.100.9');
  return { db, admin, bob };
}

const actionsOf = async (db: Awaited<ReturnType<typeof freshDb>>, filter: AuditFilter) =>
  (await listAudit(filter, { offset: 0, limit: 50 }, db)).entries.map((e) => e.action);

describe('the audit log', () => {
  it('lists newest first with who, what, target names and the address', async () => {
    const { db, bob } = await seeded();
    const { entries, total } = await listAudit({}, { offset: 0, limit: 50 }, db);
    expect(total).toBe(4);
    expect(entries.map((e) => e.action)).toEqual([
      'auth.sign_in_failed',
      'user.disabled',
      'user.role_changed',
      'image.uploaded',
    ]);
    expect(entries.at(-1)).toMatchObject({
      at: T0,
      actorId: bob.id,
      actorEmail: 'bob@example.com',
      target: 'img-1',
      targetLabel: 'Sunset',
      ip: '203.0.113.5',
    });
    expect(entries[2]).toMatchObject({ actorEmail: 'admin@example.com', targetLabel: 'bob@example.com', ip: null });
    expect(entries[0]).toMatchObject({ actorId: null, actorEmail: null, targetLabel: null });
  });

  it('filters by user (as actor or target), action and whole days, alone or together', async () => {
    const { db, admin, bob } = await seeded();
    expect(await actionsOf(db, { userId: bob.id })).toEqual(['user.role_changed', 'image.uploaded']);
    expect(await actionsOf(db, { userId: admin.id })).toEqual(['user.disabled', 'user.role_changed']);
    expect(await actionsOf(db, { action: 'user.disabled' })).toEqual(['user.disabled']);
    expect(await actionsOf(db, { from: T0 + DAY, to: T0 + 2 * DAY })).toEqual(['user.disabled', 'user.role_changed']);
    expect(await actionsOf(db, { userId: bob.id, from: T0 + DAY })).toEqual(['user.role_changed']);
    expect(await actionsOf(db, { userId: bob.id, action: 'user.disabled' })).toEqual([]);
    expect(await auditActions(db)).toEqual([
      'auth.sign_in_failed',
      'image.uploaded',
      'user.disabled',
      'user.role_changed',
    ]);
  });

  it('pages with offsets and a total that stays the count of all matches', async () => {
    const { db } = await seeded();
    const first = await listAudit({}, { offset: 0, limit: 3 }, db);
    const second = await listAudit({}, { offset: 3, limit: 3 }, db);
    expect([first.total, second.total]).toEqual([4, 4]);
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(
      (await listAudit({}, { offset: 0, limit: 50 }, db)).entries.map((e) => e.id),
    );
  });

  it('exports every match in batches, entries of the same millisecond included once', async () => {
    const db = await freshDb();
    for (let i = 0; i < 7; i++)
      await recordAudit({ at: T0 + (i < 4 ? 0 : i), actorId: null, action: `a.${i}`, target: null, ip: null }, db);
    const seen: string[] = [];
    for await (const e of eachAudit({}, 2, db)) seen.push(e.action);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 3)).toEqual(['a.6', 'a.5', 'a.4']);
    const filtered: string[] = [];
    for await (const e of eachAudit({ to: T0 + 1 }, 3, db)) filtered.push(e.action);
    expect(filtered.sort()).toEqual(['a.0', 'a.1', 'a.2', 'a.3']);
  });
});
