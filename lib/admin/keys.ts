import 'server-only';
/**
 * The console's signing keys: listed masked, revealed one at a time, rotated without breaking live
 * links, deleted under the rotation rule (./key-rotation.ts). The same calls on real Cloudflare and
 * the embedded service (`GET/PUT/DELETE v1/keys`); each change is audited and refreshes the key the
 * app signs with.
 */
import { ApiError, notFound } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/roles';
import { audit } from '@/lib/db/audit';
import { appEnv } from '@/lib/env';
import { imagesClient } from '@/lib/images/client';
import { type AgedKey, newestKey } from '@/lib/images/key-ages';
import { currentKeys, KEY_CACHE_MS, refreshSigningKeys } from '@/lib/images/signing-keys';
import { assertAdmin } from './guard';
import { type DeleteVerdict, deleteVerdict, longestLinkMs, type RotationLimits, rotationKeyName } from './key-rotation';
import { withServiceRefusals } from './service-refusal';

export interface ConsoleKey {
  name: string;
  /** Tells keys apart without showing them; the value itself only through `revealKey`. */
  fingerprint: string;
  firstSeen: string;
  /** The app signs new URLs with this key. */
  signing: boolean;
  /** Its value is CLOUDFLARE_IMAGES_SIGNING_KEY (the fallback; the embedded service re-applies it at start when set). */
  configured: boolean;
  verdict: DeleteVerdict;
}

/**
 * Share links sign their images per visit (gallery lifetimes), but the "Copy signed link" they
 * replaced handed out URLs valid up to 7 days, which may still be in use after an upgrade.
 */
const LEGACY_SIGNED_LINK_SECONDS = 7 * 24 * 3600;

export function rotationLimits(): RotationLimits {
  const env = appEnv();
  return {
    longestLinkMs: longestLinkMs(env.signedUrlTtlSeconds, env.signedUrlBucketSeconds, LEGACY_SIGNED_LINK_SECONDS),
    keyCacheMs: KEY_CACHE_MS,
  };
}

function describeKeys(keys: readonly AgedKey[], nowMs: number): ConsoleKey[] {
  const configured = appEnv().images.signingKey;
  const signing = newestKey(keys, configured)?.fingerprint ?? '';
  const limits = rotationLimits();
  return keys.map((k) => ({
    name: k.name,
    fingerprint: k.fingerprint,
    firstSeen: new Date(k.firstSeenMs).toISOString(),
    signing: k.fingerprint === signing,
    configured: k.value === configured,
    verdict: deleteVerdict(k, keys, signing, limits, nowMs),
  }));
}

export async function listKeys(admin: Actor, nowMs = Date.now()): Promise<ConsoleKey[]> {
  assertAdmin(admin);
  return describeKeys(await withServiceRefusals(() => currentKeys(nowMs)), nowMs);
}

async function findKey(fingerprint: string, nowMs: number): Promise<{ key: AgedKey; keys: AgedKey[] }> {
  const keys = await withServiceRefusals(() => currentKeys(nowMs));
  const key = keys.find((k) => k.fingerprint === fingerprint);
  if (!key) throw notFound('Signing key (it was deleted or regenerated meanwhile; reload the page)');
  return { key, keys };
}

/** One key's value, for an admin who asked to see it (the reveal is audited: it is a secret). */
export async function revealKey(admin: Actor, fingerprint: string, nowMs = Date.now()): Promise<string> {
  assertAdmin(admin);
  const { key } = await findKey(fingerprint, nowMs);
  await audit(admin.id, 'signing_key.revealed', key.name);
  return key.value;
}

/**
 * Creates a new key. The app signs with it from now on (this instance at once, others within the key
 * cache time); URLs signed with older keys keep working, since the service accepts any current key.
 */
export async function rotateKey(admin: Actor, nowMs = Date.now()): Promise<string> {
  assertAdmin(admin);
  const name = rotationKeyName(nowMs);
  const existing = await withServiceRefusals(() => currentKeys(nowMs));
  if (existing.some((k) => k.name === name)) {
    throw new ApiError(409, 'key_exists', 'A key was just created; wait a second before rotating again.');
  }
  await withServiceRefusals(() => imagesClient().putKey(name));
  // Records when the new key appeared (after every older one, even within the same millisecond) and
  // signs with it from here on.
  await refreshSigningKeys(Math.max(nowMs, ...existing.map((k) => k.firstSeenMs + 1)));
  await audit(admin.id, 'signing_key.rotated', name, { previous: existing.map((k) => k.name) });
  return name;
}

/**
 * Deletes a key. Links signed with it stop working at once, so this is refused while such links may
 * still be valid, unless the admin confirmed `breakLinks`.
 */
export async function deleteKey(
  admin: Actor,
  fingerprint: string,
  breakLinks: boolean,
  nowMs = Date.now(),
): Promise<{ name: string; brokeLinks: boolean }> {
  assertAdmin(admin);
  const { key, keys } = await findKey(fingerprint, nowMs);
  const verdict = describeKeys(keys, nowMs).find((k) => k.fingerprint === fingerprint)?.verdict;
  const safe = verdict?.kind === 'safe';
  if (!safe && !breakLinks) {
    throw new ApiError(
      409,
      'links_still_valid',
      verdict?.kind === 'breaks-links'
        ? `Links signed with "${key.name}" may stay valid until ${new Date(verdict.safeAtMs).toISOString()}; deleting it now breaks them. Confirm "break existing links" to delete anyway.`
        : `The app signs every link with "${key.name}"; deleting it breaks all of them. Rotate first, or confirm "break existing links".`,
    );
  }
  await withServiceRefusals(() => imagesClient().deleteKey(key.name));
  await refreshSigningKeys(nowMs);
  await audit(admin.id, 'signing_key.deleted', key.name, { brokeLinks: !safe });
  return { name: key.name, brokeLinks: !safe };
}
