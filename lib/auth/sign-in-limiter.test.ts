import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDb } from '@/lib/db/index';
import { type Gate, type SignInAttempt, SignInLimiter, type SignInTicket } from './sign-in-limiter';

// Every test pins its own clock: times are passed explicitly, nothing reads Date.now.
const T0 = 1_700_000_000_000;

function setup(failuresPerSecond = 1_000) {
  const db = openAppDb(path.join(mkdtempSync(path.join(tmpdir(), 'pixvault-limits-')), 'app.db'));
  db.prepare(
    "INSERT INTO users (id, email, role, created_at) VALUES ('alice-id', 'alice@example.com', 'admin', 0)",
  ).run();
  const limiter = new SignInLimiter(db, failuresPerSecond);
  const ticket = (gate: Gate): SignInTicket => {
    if (!gate.ok) throw new Error(`refused for ${gate.retryAfterSeconds}s`);
    return gate.ticket;
  };
  /** One attempt with a wrong password at `now`; returns the gate's answer. */
  const fail = (attempt: SignInAttempt, now: number): Gate => {
    const gate = limiter.begin(attempt, now);
    if (gate.ok) limiter.failed(gate.ticket, now);
    return gate;
  };
  const succeed = (attempt: SignInAttempt, now: number): Gate => {
    const gate = limiter.begin(attempt, now);
    if (gate.ok) limiter.succeeded(gate.ticket, now);
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
  it('counts only failures: the owner signing in again and again is never slowed down', () => {
    const { succeed } = setup();
    for (let i = 0; i < 100; i++) expect(succeed(alice('198.51.100.1'), T0 + i).ok).toBe(true);
  });

  it('grows the delay for one address guessing at one account: 5 free, then 1 s, 2 s, 4 s …', () => {
    const { fail } = setup();
    let now = T0;
    for (let i = 0; i < 5; i++) expect(fail(alice('203.0.113.7'), now).ok).toBe(true);
    expect(fail(alice('203.0.113.7'), now)).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(fail(alice('203.0.113.7'), now).ok).toBe(true);
    expect(fail(alice('203.0.113.7'), now + 1_999)).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 2_000;
    expect(fail(alice('203.0.113.7'), now).ok).toBe(true);
    expect(fail(alice('203.0.113.7'), now + 1)).toEqual({ ok: false, retryAfterSeconds: 4 });
  });

  it('does not let an attacker elsewhere keep the owner out of their account', () => {
    const { fail, succeed } = setup();
    const home = '198.51.100.1';
    expect(succeed(alice(home), T0).ok).toBe(true);
    // A slow, distributed guess at alice's password: many addresses, each a few tries.
    let now = T0 + 1_000;
    for (let a = 0; a < 30; a++) {
      for (let i = 0; i < 3; i++) {
        now += 10;
        fail(alice(`203.0.113.${a}`), now);
      }
    }
    // A new address is now slowed down for this account, the owner's own is not.
    expect(fail(alice('192.0.2.77'), now).ok).toBe(false);
    expect(succeed(alice(home), now).ok).toBe(true);
    // Nor do the owner's own typos count once the right password went in.
    for (let i = 0; i < 4; i++) fail(alice(home), now);
    expect(succeed(alice(home), now).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect(fail(alice(home), now).ok).toBe(true);
  });

  it('limits spraying one password over many accounts from one address', () => {
    const { fail } = setup();
    for (let n = 0; n < 20; n++) expect(fail(stranger(n, '203.0.113.7'), T0).ok).toBe(true);
    expect(fail(stranger(99, '203.0.113.7'), T0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(fail(stranger(99, '198.51.100.1'), T0).ok).toBe(true);
  });

  it('puts a global ceiling on failures per second', () => {
    const { fail, succeed } = setup(3);
    for (let n = 0; n < 3; n++) expect(fail(stranger(n, `203.0.113.${n}`), T0 + 100).ok).toBe(true);
    expect(fail(stranger(7, '198.51.100.7'), T0 + 400)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(succeed(alice('198.51.100.1'), T0 + 999).ok).toBe(false);
    expect(fail(stranger(7, '198.51.100.7'), T0 + 1_000).ok).toBe(true);
  });

  it('counts attempts still being checked, so parallel guesses cannot all slip through', () => {
    const { limiter } = setup();
    const gates = Array.from({ length: 8 }, () => limiter.begin(alice('203.0.113.7'), T0));
    expect(gates.map((g) => g.ok)).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('without a believable address, limits each account and the global rate, not everyone at once', () => {
    const { fail } = setup();
    for (let n = 0; n < 40; n++) expect(fail(stranger(n, null), T0).ok).toBe(true);
    for (let i = 0; i < 5; i++) fail(alice(null), T0);
    expect(fail(alice(null), T0)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('refunds a success exactly, leaving the address record as it was', () => {
    const { db, fail, succeed } = setup();
    for (let n = 0; n < 3; n++) fail(stranger(n, '203.0.113.7'), T0);
    const before = db.prepare("SELECT * FROM sign_in_limits WHERE key = 'addr:203.0.113.7'").get();
    expect(succeed(alice('203.0.113.7'), T0 + 5_000).ok).toBe(true);
    expect(db.prepare("SELECT * FROM sign_in_limits WHERE key = 'addr:203.0.113.7'").get()).toEqual(before);
  });

  it('reports the first failure of each burst, with what the previous burst amounted to', () => {
    const { limiter, ticket } = setup();
    const failAt = (now: number) => limiter.failed(ticket(limiter.begin(stranger(now, '203.0.113.7'), now)), now);
    expect(failAt(T0)).toEqual({ previous: null });
    expect(failAt(T0 + 1_000)).toBeNull();
    expect(failAt(T0 + 2_000)).toBeNull();
    expect(failAt(T0 + 2_000 + 5 * 60_000)).toEqual({ previous: { failures: 3, spanMs: 2_000 } });
  });
});
