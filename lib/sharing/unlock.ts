/**
 * Password-protected links: a right password sets a cookie that opens that one link for an hour,
 * an HMAC of the link id and expiry under AUTH_SECRET (checked in constant time), so the password is
 * asked once per visit, not per image. Attempts are limited in the shared store, across every app
 * instance: per client address (so one address cannot use up a link's tries and lock its recipients
 * out), per link, and per link per day counting wrong passwords only — past that ceiling the link takes
 * no password until its allowance refills, which bounds guessing over a link's whole life.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verifyPassword } from '@/lib/auth/password';
import { getDb } from '@/lib/db/index';
import type { ShareLinkRow } from '@/lib/db/share-links';
import { appEnv } from '@/lib/env';
import { returnToken, takeToken } from '@/lib/rate-limit';

export const UNLOCK_SECONDS = 3600;
/** One client address, over every link. */
export const ADDRESS_ATTEMPTS = { capacity: 10, windowMs: 10 * 60_000 } as const;
/** One link, from every address together: more than one address may spend. */
export const LINK_ATTEMPTS = { capacity: 30, windowMs: 10 * 60_000 } as const;
/** Wrong passwords on one link in a day (a right one gives its token back). */
export const DAILY_FAILURES = { capacity: 100, windowMs: 24 * 60 * 60_000 } as const;

export const unlockCookieName = (linkId: string) => `pv-share-${linkId}`;

function mac(linkId: string, exp: number): Buffer {
  return createHmac('sha256', appEnv().authSecret).update(`share-unlock:${linkId}:${exp}`).digest();
}

export function unlockCookieValue(linkId: string, nowMs = Date.now()): string {
  const exp = Math.floor(nowMs / 1000) + UNLOCK_SECONDS;
  return `${exp}.${mac(linkId, exp).toString('base64url')}`;
}

/** Never throws: anything malformed is "locked". */
export function isUnlocked(linkId: string, value: string | undefined, nowMs = Date.now()): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!match?.[1] || !match[2]) return false;
  const exp = Number(match[1]);
  if (exp * 1000 <= nowMs) return false;
  const given = Buffer.from(match[2], 'base64url');
  const expected = mac(linkId, exp);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type PasswordOutcome =
  | { ok: true }
  | { ok: false; reason: 'wrong' }
  /** `limited`: too many tries from here or on the link just now; `closed`: the link's daily ceiling. */
  | { ok: false; reason: 'limited' | 'closed'; retryAfterSeconds: number };

/**
 * Checks a password for a link, counting the attempt against its limits before Argon2 runs.
 * `address`: the client's bucket (lib/auth/client-address.ts), null when none can be believed — then
 * only the link's own limits apply, since a shared "unknown address" bucket would lock everyone out.
 */
export async function tryLinkPassword(
  link: Pick<ShareLinkRow, 'id' | 'password_hash'>,
  password: string,
  address: string | null,
  nowMs = Date.now(),
): Promise<PasswordOutcome> {
  if (link.password_hash === null) return { ok: true };
  const db = await getDb();
  const daily = { key: `share-password-day:${link.id}`, ...DAILY_FAILURES };
  const ceiling = await takeToken(db, daily, nowMs);
  if (!ceiling.ok) return { ok: false, reason: 'closed', retryAfterSeconds: ceiling.retryAfterSeconds };
  const limits = [
    ...(address === null ? [] : [{ key: `share-password-address:${address}`, ...ADDRESS_ATTEMPTS }]),
    { key: `share-password:${link.id}`, ...LINK_ATTEMPTS },
  ];
  for (const limit of limits) {
    const take = await takeToken(db, limit, nowMs);
    if (!take.ok) {
      await returnToken(db, daily);
      return { ok: false, reason: 'limited', retryAfterSeconds: take.retryAfterSeconds };
    }
  }
  if (!(await verifyPassword(link.password_hash, password))) return { ok: false, reason: 'wrong' };
  await returnToken(db, daily);
  return { ok: true };
}
