/** The sign-in limiter's records in the store: read, written, reserved ahead of a check and refunded. */
import type { AppDb } from '@/lib/db/index';
import { activeFailures, type BackoffPolicy } from './backoff';

export interface Row {
  failures: number;
  started_at: number;
  last_failure_at: number;
}

export interface Reservation {
  key: string;
  before: Row | undefined;
  after: Row;
}

export const toRecord = (row: Row | undefined) => row && { failures: row.failures, lastFailureAt: row.last_failure_at };

export async function read(db: AppDb, keys: string[]): Promise<Map<string, Row>> {
  const rows = await db
    .selectFrom('sign_in_limits')
    .select(['key', 'failures', 'started_at', 'last_failure_at'])
    .where('key', 'in', keys)
    .execute();
  return new Map(rows.map(({ key, ...row }) => [key, row]));
}

export async function write(db: AppDb, key: string, row: Row): Promise<void> {
  await db
    .insertInto('sign_in_limits')
    .values({ key, ...row })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb.ref('excluded.failures'),
        started_at: eb.ref('excluded.started_at'),
        last_failure_at: eb.ref('excluded.last_failure_at'),
      })),
    )
    .execute();
}

export async function forget(db: AppDb, key: string): Promise<void> {
  await db.deleteFrom('sign_in_limits').where('key', '=', key).execute();
}

/** Counts one failure ahead of the check; a stale record (or a new second, for the global key) starts over. */
export async function reserve(
  db: AppDb,
  key: string,
  before: Row | undefined,
  policy: BackoffPolicy | null,
  now: number,
): Promise<Reservation> {
  const live = policy ? activeFailures(toRecord(before), policy, now) : (before?.failures ?? 0);
  const after: Row = {
    failures: live + 1,
    started_at: live > 0 && before ? before.started_at : now,
    last_failure_at: now,
  };
  await write(db, key, after);
  return { key, before, after };
}

/** Undoes a reservation: exactly, if nothing else touched the record since; else by one failure. */
export async function refund(db: AppDb, r: Reservation): Promise<void> {
  const current = (await read(db, [r.key])).get(r.key);
  if (!current) return;
  const untouched = current.failures === r.after.failures && current.last_failure_at === r.after.last_failure_at;
  const restored = untouched ? r.before : { ...current, failures: current.failures - 1 };
  if (!restored || restored.failures <= 0) await forget(db, r.key);
  else await write(db, r.key, restored);
}
