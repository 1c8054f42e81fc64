/**
 * Password-protected links: a right password sets a cookie that opens that one link for an hour,
 * an HMAC of the link id and expiry under AUTH_SECRET (checked in constant time), so the password is
 * asked once per visit, not per image. Attempts are limited per link in the shared store (10 per 10
 * minutes, across every app instance), so a short password cannot be guessed by brute force.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verifyPassword } from '@/lib/auth/password';
import { getDb } from '@/lib/db/index';
import type { ShareLinkRow } from '@/lib/db/share-links';
import { appEnv } from '@/lib/env';
import { takeToken } from '@/lib/rate-limit';

export const UNLOCK_SECONDS = 3600;
export const PASSWORD_ATTEMPTS = { capacity: 10, windowMs: 10 * 60_000 } as const;

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
  | { ok: false; reason: 'limited'; retryAfterSeconds: number };

/** Checks a password for a link, counting the attempt against the link's limit first. */
export async function tryLinkPassword(
  link: Pick<ShareLinkRow, 'id' | 'password_hash'>,
  password: string,
  nowMs = Date.now(),
): Promise<PasswordOutcome> {
  if (link.password_hash === null) return { ok: true };
  const take = await takeToken(await getDb(), { key: `share-password:${link.id}`, ...PASSWORD_ATTEMPTS }, nowMs);
  if (!take.ok) return { ok: false, reason: 'limited', retryAfterSeconds: take.retryAfterSeconds };
  return (await verifyPassword(link.password_hash, password)) ? { ok: true } : { ok: false, reason: 'wrong' };
}
