/**
 * When the app first saw each signing key, kept in the app's store. Cloudflare's `v1/keys` gives names
 * and values only, no dates; yet which key is newest (the one to sign with) and how long ago the app
 * stopped signing with an older one (when it may be deleted) both need one. A key is known by a
 * fingerprint of its name and value, so a regenerated key counts as new and no value is stored.
 */
import { createHash } from 'node:crypto';
import type { AppDb } from '@/lib/db/index';
import { settingOnce } from '@/lib/db/settings';
import type { SigningKey } from './client';

export function keyFingerprint(key: SigningKey): string {
  return createHash('sha256').update(`${key.name}\0${key.value}`).digest('hex').slice(0, 16);
}

/** Each key with the time the app first saw it (`nowMs` for a key seen now for the first time). */
export interface AgedKey extends SigningKey {
  fingerprint: string;
  firstSeenMs: number;
}

/** Several app instances may meet a key at once: the first recorded time wins for all. */
export async function ageKeys(keys: readonly SigningKey[], nowMs: number, db?: AppDb): Promise<AgedKey[]> {
  const aged: AgedKey[] = [];
  for (const key of keys) {
    const fingerprint = keyFingerprint(key);
    const seen = await settingOnce(`signing_key_seen:${fingerprint}`, () => String(nowMs), db);
    aged.push({ ...key, fingerprint, firstSeenMs: Number(seen) });
  }
  return aged;
}

/**
 * The key to sign with: the one seen last. Keys met together (a first start) prefer the configured
 * key, which is what the app signed with before it read keys from the backend; then the backend's order.
 */
export function newestKey<K extends AgedKey>(keys: readonly K[], configured: string): K | undefined {
  const ranked = keys.map((key, index) => ({ key, configured: key.value === configured ? 1 : 0, index }));
  ranked.sort((a, b) => b.key.firstSeenMs - a.key.firstSeenMs || b.configured - a.configured || b.index - a.index);
  return ranked[0]?.key;
}
