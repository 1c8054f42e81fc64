/**
 * The key the app signs delivery URLs with: the newest key the image backend lists (`GET v1/keys`),
 * read at most once a minute per process and kept in memory; the configured
 * CLOUDFLARE_IMAGES_SIGNING_KEY only while the backend cannot be asked. After a rotation here the
 * cache is refreshed at once; other app instances follow within `KEY_CACHE_MS` (the rotation rule
 * counts that in). Works the same on real Cloudflare and on the embedded service.
 */
import { appEnv } from '@/lib/env';
import { imagesClient } from './client';
import { type AgedKey, ageKeys, newestKey } from './key-ages';

/** How long a read of the keys is trusted before it is read again (in the background). */
export const KEY_CACHE_MS = 60_000;
/** Past this age a read is not served while a new one is made: the caller waits for the new one. */
const STALE_LIMIT_MS = 10 * 60_000;
/** After a failed read, the configured (or last known) key is used this long before asking again. */
const RETRY_AFTER_MS = 30_000;

interface KeyRead {
  keys: AgedKey[];
  signWith: string;
  readAtMs: number;
}

interface KeyCache {
  last: KeyRead | null;
  /** Which read `last` came from: a slow older read never replaces a newer one. */
  lastSeq: number;
  reading: Promise<KeyRead> | null;
  seq: number;
  failedAtMs: number;
}

/**
 * One cache per process, on globalThis: Next.js bundles route handlers, pages and server actions
 * separately, each with its own copy of this module, and a rotation made by one (the keys page's
 * action) must be seen by the others (the gallery's API) at once, not a cache time later.
 */
const CACHE_KEY = Symbol.for('pixvault.signing-keys');
const store = globalThis as typeof globalThis & { [CACHE_KEY]?: KeyCache };
store[CACHE_KEY] ??= { last: null, lastSeq: 0, reading: null, seq: 0, failedAtMs: Number.NEGATIVE_INFINITY };
const cache: KeyCache = store[CACHE_KEY];

async function read(nowMs: number): Promise<KeyRead> {
  const configured = appEnv().images.signingKey;
  const keys = await ageKeys(await imagesClient().listKeys(), nowMs);
  return { keys, signWith: newestKey(keys, configured)?.value ?? configured, readAtMs: nowMs };
}

function startRead(nowMs: number): Promise<KeyRead> {
  const seq = ++cache.seq;
  const reading: Promise<KeyRead> = read(nowMs)
    .then((r) => {
      if (seq > cache.lastSeq) {
        cache.last = r;
        cache.lastSeq = seq;
      }
      return r;
    })
    .finally(() => {
      if (cache.reading === reading) cache.reading = null;
    });
  cache.reading = reading;
  return reading;
}

/** A read already under way, or a new one: background refreshes share one read per process. */
const anyRead = (nowMs: number): Promise<KeyRead> => cache.reading ?? startRead(nowMs);

/**
 * Reads the keys anew, in a read that begins after this call — never one that began before a change
 * just made (a rotation, a deletion) — and caches the result for everyone in this process.
 */
export function refreshSigningKeys(nowMs = Date.now()): Promise<KeyRead> {
  return startRead(nowMs);
}

/** The backend's keys with their first-seen times, read fresh (for the console). */
export async function currentKeys(nowMs = Date.now()): Promise<AgedKey[]> {
  return (await refreshSigningKeys(nowMs)).keys;
}

/**
 * The key to sign with now. A fresh read is served from memory; a stale one too, while a new read
 * runs in the background; only a missing or very old one is waited for.
 */
export async function signingKey(nowMs = Date.now()): Promise<string> {
  const { last } = cache;
  const age = last ? nowMs - last.readAtMs : Number.POSITIVE_INFINITY;
  if (last && age < KEY_CACHE_MS) return last.signWith;
  if (nowMs - cache.failedAtMs < RETRY_AFTER_MS) return last?.signWith ?? appEnv().images.signingKey;
  const next = anyRead(nowMs).catch((err: unknown) => {
    cache.failedAtMs = nowMs;
    console.error(
      '[pixvault] could not read the signing keys; signing with the last known or configured key:',
      err instanceof Error ? err.message : err,
    );
    return null;
  });
  if (last && age < STALE_LIMIT_MS) return last.signWith;
  return (await next)?.signWith ?? cache.last?.signWith ?? appEnv().images.signingKey;
}

/**
 * The key to sign with, without waiting: the last read (a stale one starts a new read in the
 * background), or the configured key before the first read. Async callers should prefer `signingKey()`.
 */
export function cachedSigningKey(nowMs = Date.now()): string {
  void signingKey(nowMs);
  return cache.last?.signWith ?? appEnv().images.signingKey;
}
