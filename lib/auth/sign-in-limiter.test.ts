import { describe, expect, it } from 'vitest';
import { freshDb } from '@/test/helpers/db';
import { type Gate, type SignInAttempt, SignInLimiter, type SignInTicket } from './sign-in-limiter';

// Every test pins its own clock: times are passed explicitly, nothing reads Date.now.
const T0 = 1_700_000_000_000;

async function setup(failuresPerSecond = 1_000) {
  const db = await freshDb();
  await db
    .insertInto('users')
    .values({
      id: 'alice-id',
      email: 'alice@example.com',
      name: null,
      password_hash: null,
      role: 'admin',
      created_at: 0,
    })
    .execute();
  const limiter = new SignInLimiter(db, failuresPerSecond);
  const ticket = (gate: Gate): SignInTicket => {
    if (!gate.ok) throw new Error(`refused for ${gate.retryAfterSeconds}s`);
    return gate.ticket;
  };
  /** One attempt with a wrong password at `now`; returns the gate's answer. */
  const fail = async (attempt: SignInAttempt, now: number): Promise<Gate> => {
    const gate = await limiter.begin(attempt, now);
    if (gate.ok) await limiter.failed(gate.ticket, now);
    return gate;
  };
  const succeed = async (attempt: SignInAttempt, now: number): Promise<Gate> => {
    const gate = await limiter.begin(attempt, now);
    if (gate.ok) await limiter.succeeded(gate.ticket, now);
    return gate;
  };
  return { db, limiter, ticket, fail, succeed };
}

const alice = (address: string | null): SignInAttempt => ({
  account: 'alice@example.com',
  address,
  userId: 'alice-id',
});
const stranger = (n: number, address: string | null): SignInAttempt => ({
  account: `user${n}@example.com`,
  address,
  userId: null,
});

describe('SignInLimiter', () => {
  it('counts only failures: the owner signing in again and again is never slowed down', async () => {
    const { succeed } = await setup();
    for (let i = 0; i < 100; i++) expect((await succeed(alice('198.51.100.1'), T0 + i)).ok).toBe(true);
  });

  it('grows the delay for one address guessing at one account: 5 free, then 1 s, 2 s, 4 s …', async () => {
    const { fail } = await setup();
    let now = T0;
    for (let i = 0; i < 5; i++) expect((await fail(alice('203.0.113.7'), now)).ok).toBe(true);
    expect(await fail(alice('203.0.113.7'), now)).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect((await fail(alice('203.0.113.7'), now)).ok).toBe(true);
    expect(await fail(alice('203.0.113.7'), now + 1_999)).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 2_000;
    expect((await fail(alice('203.0.113.7'), now)).ok).toBe(true);
    expect(await fail(alice('203.0.113.7'), now + 1)).toEqual({ ok: false, retryAfterSeconds: 4 });
  });

  it('does not let an attacker elsewhere keep the owner out of their account', async () => {
    const { fail, succeed } = await setup();
    const home = '198.51.100.1';
    expect((await succeed(alice(home), T0)).ok).toBe(true);
    // A slow, distributed guess at alice's password: many addresses, each a few tries.
    let now = T0 + 1_000;
    for (let a = 0; a < 30; a++) {
      for (let i = 0; i < 3; i++) {
        now += 10;
        await fail(alice(`203.0.113.${a}`), now);
      }
    }
    // A new address is now slowed down for this account, the owner's own is not.
    expect((await fail(alice('192.0.2.77'), now)).ok).toBe(false);
    expect((await succeed(alice(home), now)).ok).toBe(true);
    // Nor do the owner's own typos count once the right password went in.
    for (let i = 0; i < 4; i++) await fail(alice(home), now);
    expect((await succeed(alice(home), now)).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect((await fail(alice(home), now)).ok).toBe(true);
  });

  it('limits spraying one password over many accounts from one address', async () => {
    const { fail } = await setup();
    for (let n = 0; n < 20; n++) expect((await fail(stranger(n, '203.0.113.7'), T0)).ok).toBe(true);
    expect(await fail(stranger(99, '203.0.113.7'), T0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect((await fail(stranger(99, '198.51.100.1'), T0)).ok).toBe(true);
  });

  it('puts a global ceiling on failures per second', async () => {
    const { fail, succeed } = await setup(3);
    for (let n = 0; n < 3; n++) expect((await fail(stranger(n, `203.0.113.${n}`), T0 + 100)).ok).toBe(true);
    expect(await fail(stranger(7, '198.51.100.7'), T0 + 400)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect((await succeed(alice('198.51.100.1'), T0 + 999)).ok).toBe(false);
    expect((await fail(stranger(7, '198.51.100.7'), T0 + 1_000)).ok).toBe(true);
  });

  it('counts attempts still being checked, so parallel guesses cannot all slip through', async () => {
    const { limiter } = await setup();
    const gates = await Promise.all(Array.from({ length: 8 }, () => limiter.begin(alice('203.0.113.7'), T0)));
    expect(gates.filter((g) => g.ok)).toHaveLength(5);
  });

  it('without a believable address, limits each account and the global rate, not everyone at once', async () => {
    const { fail } = await setup();
    for (let n = 0; n < 40; n++) expect((await fail(stranger(n, null), T0)).ok).toBe(true);
    for (let i = 0; i < 5; i++) await fail(alice(null), T0);
    expect(await fail(alice(null), T0)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('refunds a success exactly, leaving the address record as it was', async () => {
    const { db, fail, succeed } = await setup();
    for (let n = 0; n < 3; n++) await fail(stranger(n, '203.0.113.7'), T0);
    const addressRecord = () =>
      db.selectFrom('sign_in_limits').selectAll().where('key', '=', 'addr:203.0.113.7').executeTakeFirst();
    const before = await addressRecord();
    expect((await succeed(alice('203.0.113.7'), T0 + 5_000)).ok).toBe(true);
    expect(await addressRecord()).toEqual(before);
  });

  it('reports the first failure of each burst, with what the previous burst amounted to', async () => {
    const { limiter, ticket } = await setup();
    const failAt = async (now: number) =>
      limiter.failed(ticket(await limiter.begin(stranger(now, '203.0.113.7'), now)), now);
    expect(await failAt(T0)).toEqual({ previous: null });
    expect(await failAt(T0 + 1_000)).toBeNull();
    expect(await failAt(T0 + 2_000)).toBeNull();
    expect(await failAt(T0 + 2_000 + 5 * 60_000)).toEqual({ previous: { failures: 3, spanMs: 2_000 } });
  });
});
