/** Request limits under real concurrency on PostgreSQL: parallel requests cannot spend one token twice. */
import { describe, expect, it } from 'vitest';
import { freshStore, openTestDb } from '@/test/helpers/db';
import { holdLock, lockWaiters } from '@/test/helpers/pg-locks';
import { takeToken } from './rate-limit';

const T0 = 1_700_000_000_000;

describe('request limits on PostgreSQL', () => {
  it('grant exactly the tokens left when requests arrive at the same moment', async () => {
    const where = await freshStore();
    if (where.engine !== 'postgres') throw new Error('a PostgreSQL test');
    const db = await openTestDb(where);
    const limit = { key: 'upload:u', capacity: 3, windowMs: 60_000 };
    expect(await takeToken(db, limit, T0)).toEqual({ ok: true }); // 2 left
    // Every request queues behind the blocker before it reads the bucket; let them go at once.
    const blocker = await holdLock(where.url, 'LOCK TABLE rate_limits IN EXCLUSIVE MODE');
    const takes = Promise.all(Array.from({ length: 6 }, () => takeToken(db, limit, T0)));
    await lockWaiters(where.url, 6);
    await blocker.release();
    expect((await takes).filter((t) => t.ok)).toHaveLength(2);
  });
});
