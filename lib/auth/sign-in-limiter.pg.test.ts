/** Sign-in limits under real concurrency on PostgreSQL: parallel guesses on several connections (or instances). */
import { describe, expect, it } from 'vitest';
import { freshStore, openTestDb } from '@/test/helpers/db';
import { holdLock, lockWaiters } from '@/test/helpers/pg-locks';
import { SignInLimiter } from './sign-in-limiter';

const T0 = 1_700_000_000_000;

describe('SignInLimiter on PostgreSQL', () => {
  it('lets exactly five of eight parallel guesses through, however they interleave', async () => {
    const where = await freshStore();
    if (where.engine !== 'postgres') throw new Error('a PostgreSQL test');
    const limiter = new SignInLimiter(await openTestDb(where), 1_000);
    const attempt = { account: 'alice@example.com', address: '203.0.113.7', userId: null };
    await limiter.begin({ ...attempt, account: 'warm-up@example.com' }, T0); // its periodic clean-up runs first
    // Every guess reads its records, then queues to write them behind the blocker; let them go at once.
    const blocker = await holdLock(where.url, 'LOCK TABLE sign_in_limits IN EXCLUSIVE MODE');
    const gates = Promise.all(Array.from({ length: 8 }, () => limiter.begin(attempt, T0)));
    await lockWaiters(where.url, 8);
    await blocker.release();
    expect((await gates).filter((g) => g.ok)).toHaveLength(5);
  });
});
