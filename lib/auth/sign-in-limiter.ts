/**
 * Sign-in limits kept in the app database, so every app instance sharing it enforces the same ones.
 *
 * With a known client address, an attempt is checked against three growing-delay records — the
 * address across all accounts (spraying), the (account, address) pair, and the account across all
 * addresses unless this address signed into it before — and against a global ceiling of failures
 * per second. Without a believable address (see client-address.ts) all clients share one bucket:
 * only the per-account record and the global ceiling apply, since an address record would then be
 * one switch that lets any attacker stop everybody's sign-ins.
 *
 * Only failures count, yet they are reserved before the password check and refunded on success:
 * a burst of parallel guesses sees the earlier ones at once instead of all slipping past a check
 * that only counts finished failures.
 */
import type { AppDb } from '@/lib/db/index';
import { exclusively } from '@/lib/db/locks';
import { ACCOUNT_POLICY, ADDRESS_POLICY, type BackoffPolicy, PAIR_POLICY, waitMs } from './backoff';
import { forget, type Reservation, read, refund, reserve, toRecord, write } from './sign-in-records';

export interface SignInAttempt {
  /** The normalized email typed in, whether or not such a user exists. */
  account: string;
  /** The client's address bucket, or null when none can be believed. */
  address: string | null;
  userId: string | null;
}

export interface SignInTicket {
  attempt: SignInAttempt;
  reservations: Reservation[];
}

export type Gate = { ok: true; ticket: SignInTicket } | { ok: false; retryAfterSeconds: number };

/** The first failure of a burst (and what the previous burst from there amounted to). */
export interface BurstStart {
  previous: { failures: number; spanMs: number } | null;
}

const KNOWN_ADDRESS_FOR_MS = 90 * 24 * 60 * 60_000;
const BURST_GAP_MS = 5 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const LONGEST_MEMORY_MS = Math.max(
  PAIR_POLICY.forgetAfterMs,
  ADDRESS_POLICY.forgetAfterMs,
  ACCOUNT_POLICY.forgetAfterMs,
);
/**
 * Every attempt reads and writes the global per-second record, so attempts take turns anyway: one
 * lock for all of the limiter's records (on every instance) is as fast as a lock per record, and
 * covers records that do not exist yet.
 */
const LOCK = 'pixvault:sign-in-limits';

export class SignInLimiter {
  private lastPrune = 0;

  constructor(
    private readonly db: AppDb,
    private readonly failuresPerSecond: number,
  ) {}

  /** Checks the limits before the password is; on `ok`, settle the ticket with `succeeded` or `failed`. */
  async begin(attempt: SignInAttempt, now = Date.now()): Promise<Gate> {
    await this.pruneNowAndThen(now);
    return exclusively(this.db, LOCK, async (trx): Promise<Gate> => {
      const backoff = await this.backoffKeys(trx, attempt, now);
      const second = Math.floor(now / 1000);
      const globalKey = `global:${second}`;
      const rows = await read(trx, [...backoff.map((k) => k.key), globalKey]);
      let wait = Math.max(0, ...backoff.map((k) => waitMs(toRecord(rows.get(k.key)), k.policy, now)));
      if ((rows.get(globalKey)?.failures ?? 0) >= this.failuresPerSecond) {
        wait = Math.max(wait, (second + 1) * 1000 - now);
      }
      if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) };
      const reservations: Reservation[] = [];
      for (const k of backoff) reservations.push(await reserve(trx, k.key, rows.get(k.key), k.policy, now));
      reservations.push(await reserve(trx, globalKey, rows.get(globalKey), null, now));
      return { ok: true, ticket: { attempt, reservations } };
    });
  }

  /** The password was right: the pair starts over, the other reservations are refunded, the address is remembered. */
  async succeeded(ticket: SignInTicket, now = Date.now()): Promise<void> {
    const { attempt } = ticket;
    await exclusively(this.db, LOCK, async (trx) => {
      for (const r of ticket.reservations) {
        if (r.key.startsWith('pair:')) await forget(trx, r.key);
        else await refund(trx, r);
      }
      if (attempt.address !== null && attempt.userId !== null) {
        await trx
          .insertInto('sign_in_known_addresses')
          .values({ user_id: attempt.userId, address: attempt.address, last_success_at: now })
          .onConflict((oc) =>
            oc
              .columns(['user_id', 'address'])
              .doUpdateSet((eb) => ({ last_success_at: eb.ref('excluded.last_success_at') })),
          )
          .execute();
      }
    });
  }

  /** The password was wrong (the failure is already counted). Returns a burst start, for the one log line per burst. */
  async failed(ticket: SignInTicket, now = Date.now()): Promise<BurstStart | null> {
    const key = `burst:${ticket.attempt.address ?? '*'}`;
    return exclusively(this.db, LOCK, async (trx): Promise<BurstStart | null> => {
      const row = (await read(trx, [key])).get(key);
      const starts = !row || now - row.last_failure_at >= BURST_GAP_MS;
      await write(trx, key, {
        failures: starts ? 1 : (row?.failures ?? 0) + 1,
        started_at: starts ? now : (row?.started_at ?? now),
        last_failure_at: now,
      });
      if (!starts) return null;
      return { previous: row ? { failures: row.failures, spanMs: row.last_failure_at - row.started_at } : null };
    });
  }

  private async backoffKeys(
    db: AppDb,
    attempt: SignInAttempt,
    now: number,
  ): Promise<{ key: string; policy: BackoffPolicy }[]> {
    const { account, address } = attempt;
    if (address === null) return [{ key: `pair:${account}|*`, policy: PAIR_POLICY }];
    const keys = [
      { key: `addr:${address}`, policy: ADDRESS_POLICY },
      { key: `pair:${account}|${address}`, policy: PAIR_POLICY },
    ];
    if (!(await this.isKnownAddress(db, attempt.userId, address, now)))
      keys.push({ key: `acct:${account}`, policy: ACCOUNT_POLICY });
    return keys;
  }

  private async isKnownAddress(db: AppDb, userId: string | null, address: string, now: number): Promise<boolean> {
    if (userId === null) return false;
    const row = await db
      .selectFrom('sign_in_known_addresses')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('address', '=', address)
      .where('last_success_at', '>', now - KNOWN_ADDRESS_FOR_MS)
      .executeTakeFirst();
    return row !== undefined;
  }

  private async pruneNowAndThen(now: number): Promise<void> {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.db
      .deleteFrom('sign_in_limits')
      .where((eb) =>
        eb.or([
          eb('last_failure_at', '<', now - LONGEST_MEMORY_MS),
          eb.and([eb('key', 'like', 'global:%'), eb('last_failure_at', '<', now - 60_000)]),
        ]),
      )
      .execute();
    await this.db
      .deleteFrom('sign_in_known_addresses')
      .where('last_success_at', '<', now - KNOWN_ADDRESS_FOR_MS)
      .execute();
  }
}
