/**
 * When an old signing key may go without breaking a link someone still holds. The app stops signing
 * with a key once a newer one appears (within the key cache time on other instances); every URL it
 * signed before lives at most the longest signed-link lifetime. Past that, deleting the key breaks
 * nothing; before it, only with an explicit "break existing links".
 */

export interface KeyAge {
  name: string;
  fingerprint: string;
  /** When the app first saw the key (lib/images/key-ages.ts). */
  firstSeenMs: number;
}

export interface RotationLimits {
  /** The longest a signed URL the app hands out stays valid (gallery URLs, shared links). */
  longestLinkMs: number;
  /** How long another app instance may keep signing with a key it read before the rotation. */
  keyCacheMs: number;
}

export type DeleteVerdict =
  /** Nothing signed with it can still be valid. */
  | { kind: 'safe' }
  /** Links signed with it may still be valid until `safeAtMs`: deleting now needs the confirmation. */
  | { kind: 'breaks-links'; safeAtMs: number }
  /** The app signs with it now: every live link uses it; a newer key must exist first, or confirm. */
  | { kind: 'signing-key' };

/**
 * The verdict for deleting `target` from `keys` (`signingFingerprint`: the key the app signs with).
 * The app stopped signing with `target` when the first key newer than it appeared.
 */
export function deleteVerdict(
  target: KeyAge,
  keys: readonly KeyAge[],
  signingFingerprint: string,
  limits: RotationLimits,
  nowMs: number,
): DeleteVerdict {
  if (target.fingerprint === signingFingerprint) return { kind: 'signing-key' };
  const newer = keys.filter((k) => k.fingerprint !== target.fingerprint && k.firstSeenMs >= target.firstSeenMs);
  const replacedAt = newer.length > 0 ? Math.min(...newer.map((k) => k.firstSeenMs)) : target.firstSeenMs;
  const safeAtMs = replacedAt + limits.keyCacheMs + limits.longestLinkMs;
  return nowMs >= safeAtMs ? { kind: 'safe' } : { kind: 'breaks-links', safeAtMs };
}

/** Gallery URLs live at most their TTL plus one bucket; shared links up to their own maximum. */
export function longestLinkMs(signedUrlTtlSeconds: number, bucketSeconds: number, maxShareSeconds: number): number {
  return Math.max(signedUrlTtlSeconds + bucketSeconds, maxShareSeconds) * 1000;
}

/** A key name for a rotation: `k` and the UTC time to the second (letters and digits only, ≤ 20). */
export function rotationKeyName(nowMs: number): string {
  return `k${new Date(nowMs).toISOString().replace(/\D/g, '').slice(0, 14)}`;
}
