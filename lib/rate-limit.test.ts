import { describe, expect, it } from 'vitest';
import { freshDb, freshStore, openTestDb } from '@/test/helpers/db';
import { returnToken, takeToken } from './rate-limit';

const T0 = 1_700_000_000_000;

describe('request limits in the store', () => {
  it('allow a burst up to capacity, then refuse with a wait, then refill', async () => {
    const db = await freshDb();
    const limit = (key: string) => ({ key, capacity: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) expect(await takeToken(db, limit('u'), T0)).toEqual({ ok: true });
    expect(await takeToken(db, limit('u'), T0)).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(await takeToken(db, limit('other'), T0)).toEqual({ ok: true });
    expect(await takeToken(db, limit('u'), T0 + 20_000)).toEqual({ ok: true });
    expect((await takeToken(db, limit('u'), T0 + 20_000)).ok).toBe(false);
  });

  it('hold across app instances sharing the store', async () => {
    const where = await freshStore();
    const [a, b] = [await openTestDb(where), await openTestDb(where)]; // two instances' connections
    const limit = { key: 'upload:u', capacity: 2, windowMs: 60_000 };
    expect(await takeToken(a, limit, T0)).toEqual({ ok: true });
    expect(await takeToken(b, limit, T0 + 1)).toEqual({ ok: true });
    expect((await takeToken(a, limit, T0 + 2)).ok).toBe(false);
    expect((await takeToken(b, limit, T0 + 3)).ok).toBe(false);
  });

  it('never refill twice when an instance with a slower clock comes after', async () => {
    const db = await freshDb();
    const limit = { key: 'k', capacity: 1, windowMs: 60_000 };
    expect((await takeToken(db, limit, T0 + 60_000)).ok).toBe(true);
    expect((await takeToken(db, limit, T0)).ok).toBe(false);
    expect((await takeToken(db, limit, T0 + 120_000)).ok).toBe(true);
  });

  it('take back a returned token, never past capacity (a limit on failures refunds a success)', async () => {
    const db = await freshDb();
    const limit = { key: 'failures', capacity: 2, windowMs: 24 * 60 * 60_000 };
    await returnToken(db, limit); // no bucket yet: nothing to fill
    expect(await takeToken(db, limit, T0)).toEqual({ ok: true });
    await returnToken(db, limit);
    await returnToken(db, limit);
    expect(await takeToken(db, limit, T0)).toEqual({ ok: true });
    expect(await takeToken(db, limit, T0)).toEqual({ ok: true });
    expect((await takeToken(db, limit, T0)).ok).toBe(false);
  });
});
