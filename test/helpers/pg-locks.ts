/**
 * Making "at the same moment" happen on purpose on PostgreSQL: a blocker holds a lock on another
 * connection while the test starts several operations, waits until all of them are queued on a
 * lock, then lets go, so they really run together instead of one after the other by luck.
 */
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';

export interface Blocker {
  release(): Promise<void>;
}

/** Opens a transaction on the store at `url` (another connection than the store's own) and runs `statement` in it. */
export async function holdLock(url: string, statement: string): Promise<Blocker> {
  const blockerUrl = new URL(url);
  blockerUrl.searchParams.set('application_name', 'pixvault-test-blocker');
  const client = new pg.Client({ connectionString: blockerUrl.toString() });
  await client.connect();
  await client.query('BEGIN');
  await client.query(statement);
  return {
    async release() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/** Resolves once `count` connections of the store at `url` (named by its application_name) wait on a lock. */
export async function lockWaiters(url: string, count: number): Promise<void> {
  const name = new URL(url).searchParams.get('application_name');
  if (!name) throw new Error('The store URL names no application_name to find its connections by.');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
        [name],
      );
      if (Number(rows[0]?.n) >= count) return;
      if (Date.now() > deadline) throw new Error(`Only ${rows[0]?.n} of ${count} connections came to wait on a lock.`);
      await delay(5); // polling the server's view of who waits; there is no event for it
    }
  } finally {
    await client.end();
  }
}
