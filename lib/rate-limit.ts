/**
 * Request limits as token buckets kept in the app's store, so a limit holds across every app
 * instance sharing it (not per process). A bucket holds `capacity` tokens, refilled at `capacity`
 * per `windowMs`; each request takes one. A bucket's read and write are one locked step (row lock on
 * PostgreSQL, the write lock on SQLite), so parallel requests cannot spend the same token twice.
 */
import type { AppDb } from '@/lib/db/index';
import { forUpdate } from '@/lib/db/locks';

export interface Limit {
  /** Whose bucket, namespaced by what it limits, e.g. `upload:<userId>`. */
  key: string;
  capacity: number;
  windowMs: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A bucket untouched this long is full for any window up to it, so it can go. */
const LONGEST_WINDOW_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const lastPrune = new WeakMap<AppDb, number>();

/** Takes one token from `limit.key`'s bucket; says how many seconds to wait when there is none. */
export async function takeToken(db: AppDb, limit: Limit, now = Date.now()): Promise<Take> {
  const { granted, retryAfterSeconds } = await takeTokens(db, limit, 1, now);
  return granted === 1 ? { ok: true } : { ok: false, retryAfterSeconds };
}

/** What `takeTokens` could give: `granted` of the tokens asked for; the next one in `retryAfterSeconds`. */
export interface Grant {
  granted: number;
  retryAfterSeconds: number;
}

/**
 * Takes up to `wanted` tokens at once (a batch of uploads counts one token per file). Gives as many as
 * the bucket holds, so part of a batch may go now and the rest after `retryAfterSeconds`.
 */
export async function takeTokens(db: AppDb, limit: Limit, wanted: number, now = Date.now()): Promise<Grant> {
  if (limit.windowMs > LONGEST_WINDOW_MS) throw new Error(`A limit's window is at most ${LONGEST_WINDOW_MS} ms.`);
  await pruneNowAndThen(db, now);
  const rate = limit.capacity / limit.windowMs;
  return db.transaction().execute(async (trx): Promise<Grant> => {
    // Make sure the row exists, so there is a row to lock.
    await trx
      .insertInto('rate_limits')
      .values({ key: limit.key, tokens: limit.capacity, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const bucket = await forUpdate(
      trx,
      trx.selectFrom('rate_limits').select(['tokens', 'updated_at']).where('key', '=', limit.key),
    ).executeTakeFirstOrThrow();
    // Another instance's clock may be ahead: time never runs backwards for a bucket.
    const elapsed = Math.max(0, now - bucket.updated_at);
    const tokens = Math.min(limit.capacity, bucket.tokens + elapsed * rate);
    const granted = Math.max(0, Math.min(wanted, Math.floor(tokens)));
    const left = tokens - granted;
    await trx
      .updateTable('rate_limits')
      .set({ tokens: left, updated_at: Math.max(now, bucket.updated_at) })
      .where('key', '=', limit.key)
      .execute();
    return { granted, retryAfterSeconds: Math.max(1, Math.ceil((1 - left) / rate / 1000)) };
  });
}

/**
 * Gives back a token taken for an attempt that turned out not to count (a limit on failures takes a
 * token before the check and returns it on success). Never fills a bucket past its capacity.
 */
export async function returnToken(db: AppDb, limit: Limit): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set((eb) => ({ tokens: eb('tokens', '+', 1) }))
    .where('key', '=', limit.key)
    .where('tokens', '<=', limit.capacity - 1)
    .execute();
}

async function pruneNowAndThen(db: AppDb, now: number): Promise<void> {
  if (now - (lastPrune.get(db) ?? 0) < PRUNE_EVERY_MS) return;
  lastPrune.set(db, now);
  await db
    .deleteFrom('rate_limits')
    .where('updated_at', '<', now - LONGEST_WINDOW_MS)
    .execute();
}
