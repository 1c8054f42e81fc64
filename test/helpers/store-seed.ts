/**
 * A store filled the way a used install is: users (one disabled), ready and pending image records,
 * live sessions, audit entries, a setting and the limiters' records, written through the app's own
 * data functions where it has them. For tests that move or compare whole stores.
 */
import { sql } from 'kysely';
import { createSession } from '@/lib/auth/session-store';
import { insertPendingImage, markReady, setServiceId } from '@/lib/db/images';
import type { AppDb } from '@/lib/db/index';
import { TABLES } from '@/lib/db/schema';
import { settingOnce } from '@/lib/db/settings';
import { createUser, setUserDisabled } from '@/lib/db/users';
import { takeToken } from '@/lib/rate-limit';

export interface Seeded {
  adminId: string;
  /** A live session of the admin (its id as the cookie carries it). */
  adminSession: string;
}

export async function seedStore(db: AppDb, tag = 'seed'): Promise<Seeded> {
  const admin = await createUser(
    { email: `Admin.${tag}@Example.com`, name: 'Ada', passwordHash: 'h1', role: 'admin' },
    db,
  );
  const uploader = await createUser({ email: `up.${tag}@example.com`, passwordHash: 'h2', role: 'uploader' }, db);
  const gone = await createUser({ email: `off.${tag}@example.com`, passwordHash: null, role: 'viewer' }, db);
  await setUserDisabled(gone.id, true, db);
  for (const [i, ownerId] of [admin.id, uploader.id, uploader.id].entries()) {
    const recordId = `${tag}-img-${i}`;
    await insertPendingImage({ recordId, ownerId, title: `Photo ${i} ‘quoted’ ✓`, filename: `p${i}.jpg` }, db);
    if (i === 2) continue; // one upload still pending
    await setServiceId(recordId, `svc/${tag}/${i}`, db);
    const ready = { width: 1200 + i, height: 800, bytes: 123_456 + i, contentType: 'image/jpeg', filename: null };
    await markReady(recordId, { ...ready, placeholder: i === 0 ? 'data:image/png;base64,AAAA' : null }, db);
  }
  const adminSession = await createSession(admin.id, db);
  await createSession(uploader.id, db);
  for (const action of ['setup.admin_created', 'user.added', 'image.deleted']) {
    await db
      .insertInto('audit_log')
      .values({ at: Date.now(), actor_id: admin.id, action, target: uploader.id, detail: JSON.stringify({ tag }) })
      .execute();
  }
  await settingOnce('deployment_id', () => `dep-${tag}`, db);
  await takeToken(db, { key: `upload:${uploader.id}`, capacity: 60, windowMs: 60_000 });
  await db
    .insertInto('sign_in_limits')
    .values({
      key: `pair:${tag}@example.com|203.0.113.9`,
      failures: 3,
      started_at: 1_700_000_000_000,
      last_failure_at: 1_700_000_060_000,
    })
    .execute();
  await db
    .insertInto('sign_in_known_addresses')
    .values({ user_id: admin.id, address: '203.0.113.9', last_success_at: 1_700_000_000_000 })
    .execute();
  return { adminId: admin.id, adminSession };
}

/** Every row of every table, in an order that does not depend on the engine. */
export async function dumpStore(db: AppDb): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    dump[table] = rows.rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return dump;
}
