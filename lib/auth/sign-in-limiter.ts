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
import { ACCOUNT_POLICY, ADDRESS_POLICY, activeFailures, type BackoffPolicy, PAIR_POLICY, waitMs } from './backoff';

export interface SignInAttempt {
  /** The normalized email typed in, whether or not such a user exists. */
  account: string;
  /** The client's address bucket, or null when none can be believed. */
  address: string | null;
  userId: string | null;
}

interface Row {
  failures: number;
  started_at: number;
  last_failure_at: number;
}

interface Reservation {
  key: string;
  before: Row | undefined;
  after: Row;
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

const toRecord = (row: Row | undefined) => row && { failures: row.failures, lastFailureAt: row.last_failure_at };

export class SignInLimiter {
  private lastPrune = 0;

  constructor(
    private readonly db: AppDb,
    private readonly failuresPerSecond: number,
  ) {}

  /** Checks the limits before the password is; on `ok`, settle the ticket with `succeeded` or `failed`. */
  begin(attempt: SignInAttempt, now = Date.now()): Gate {
    this.pruneNowAndThen(now);
    return this.db
      .transaction((): Gate => {
        const backoff = this.backoffKeys(attempt, now);
        const second = Math.floor(now / 1000);
        const globalKey = `global:${second}`;
        const rows = this.read([...backoff.map((k) => k.key), globalKey]);
        let wait = Math.max(0, ...backoff.map((k) => waitMs(toRecord(rows.get(k.key)), k.policy, now)));
        if ((rows.get(globalKey)?.failures ?? 0) >= this.failuresPerSecond) {
          wait = Math.max(wait, (second + 1) * 1000 - now);
        }
        if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) };
        const reservations = [
          ...backoff.map((k) => this.reserve(k.key, rows.get(k.key), k.policy, now)),
          this.reserve(globalKey, rows.get(globalKey), null, now),
        ];
        return { ok: true, ticket: { attempt, reservations } };
      })
      .immediate();
  }

  /** The password was right: the pair starts over, the other reservations are refunded, the address is remembered. */
  succeeded(ticket: SignInTicket, now = Date.now()): void {
    const { attempt } = ticket;
    this.db.transaction(() => {
      for (const r of ticket.reservations) {
        if (r.key.startsWith('pair:')) this.db.prepare('DELETE FROM sign_in_limits WHERE key = ?').run(r.key);
        else this.refund(r);
      }
      if (attempt.address !== null && attempt.userId !== null) {
        this.db
          .prepare(
            `INSERT INTO sign_in_known_addresses (user_id, address, last_success_at) VALUES (?, ?, ?)
             ON CONFLICT (user_id, address) DO UPDATE SET last_success_at = excluded.last_success_at`,
          )
          .run(attempt.userId, attempt.address, now);
      }
    })();
  }

  /** The password was wrong (the failure is already counted). Returns a burst start, for the one log line per burst. */
  failed(ticket: SignInTicket, now = Date.now()): BurstStart | null {
    const key = `burst:${ticket.attempt.address ?? '*'}`;
    return this.db.transaction((): BurstStart | null => {
      const row = this.read([key]).get(key);
      const starts = !row || now - row.last_failure_at >= BURST_GAP_MS;
      this.write(key, {
        failures: starts ? 1 : (row?.failures ?? 0) + 1,
        started_at: starts ? now : (row?.started_at ?? now),
        last_failure_at: now,
      });
      if (!starts) return null;
      return { previous: row ? { failures: row.failures, spanMs: row.last_failure_at - row.started_at } : null };
    })();
  }

  private backoffKeys(attempt: SignInAttempt, now: number): { key: string; policy: BackoffPolicy }[] {
    const { account, address } = attempt;
    if (address === null) return [{ key: `pair:${account}|*`, policy: PAIR_POLICY }];
    const keys = [
      { key: `addr:${address}`, policy: ADDRESS_POLICY },
      { key: `pair:${account}|${address}`, policy: PAIR_POLICY },
    ];
    if (!this.isKnownAddress(attempt.userId, address, now))
      keys.push({ key: `acct:${account}`, policy: ACCOUNT_POLICY });
    return keys;
  }

  private isKnownAddress(userId: string | null, address: string, now: number): boolean {
    if (userId === null) return false;
    return (
      this.db
        .prepare('SELECT 1 FROM sign_in_known_addresses WHERE user_id = ? AND address = ? AND last_success_at > ?')
        .get(userId, address, now - KNOWN_ADDRESS_FOR_MS) !== undefined
    );
  }

  private read(keys: string[]): Map<string, Row> {
    const statement = this.db.prepare('SELECT failures, started_at, last_failure_at FROM sign_in_limits WHERE key = ?');
    const rows = new Map<string, Row>();
    for (const key of keys) {
      const row = statement.get(key) as Row | undefined;
      if (row) rows.set(key, row);
    }
    return rows;
  }

  private write(key: string, row: Row): void {
    this.db
      .prepare(
        `INSERT INTO sign_in_limits (key, failures, started_at, last_failure_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, started_at = excluded.started_at,
           last_failure_at = excluded.last_failure_at`,
      )
      .run(key, row.failures, row.started_at, row.last_failure_at);
  }

  /** Counts one failure ahead of the check; a stale record (or a new second, for the global key) starts over. */
  private reserve(key: string, before: Row | undefined, policy: BackoffPolicy | null, now: number): Reservation {
    const live = policy ? activeFailures(toRecord(before), policy, now) : (before?.failures ?? 0);
    const after: Row = {
      failures: live + 1,
      started_at: live > 0 && before ? before.started_at : now,
      last_failure_at: now,
    };
    this.write(key, after);
    return { key, before, after };
  }

  /** Undoes a reservation: exactly, if nothing else touched the record since; else by one failure. */
  private refund(r: Reservation): void {
    const now = this.read([r.key]).get(r.key);
    if (!now) return;
    const untouched = now.failures === r.after.failures && now.last_failure_at === r.after.last_failure_at;
    const restored = untouched ? r.before : { ...now, failures: now.failures - 1 };
    if (!restored || restored.failures <= 0) this.db.prepare('DELETE FROM sign_in_limits WHERE key = ?').run(r.key);
    else this.write(r.key, restored);
  }

  private pruneNowAndThen(now: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.db
      .prepare("DELETE FROM sign_in_limits WHERE last_failure_at < ? OR (key LIKE 'global:%' AND last_failure_at < ?)")
      .run(now - LONGEST_MEMORY_MS, now - 60_000);
    this.db.prepare('DELETE FROM sign_in_known_addresses WHERE last_success_at < ?').run(now - KNOWN_ADDRESS_FOR_MS);
  }
}
