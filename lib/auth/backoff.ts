/**
 * Growing delays after failed sign-ins: a few failures are free, then each one doubles the wait
 * before the next attempt is heard, up to a cap. Nothing is ever locked for good, and a quiet spell
 * forgets the count. Pure functions over a stored record, so every app instance computes the same
 * answer from the shared database.
 */

export interface BackoffPolicy {
  /** Failures allowed before any delay. */
  free: number;
  /** Delay after the first failure beyond `free`; doubles with each further one. */
  baseMs: number;
  maxMs: number;
  /** A record with no failure for this long starts over. */
  forgetAfterMs: number;
}

export interface FailureRecord {
  failures: number;
  lastFailureAt: number;
}

/** One client address guessing at one account. */
export const PAIR_POLICY: BackoffPolicy = { free: 5, baseMs: 1_000, maxMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
/** One client address across all accounts (password spraying). */
export const ADDRESS_POLICY: BackoffPolicy = {
  free: 20,
  baseMs: 1_000,
  maxMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};
/**
 * One account from every address together: slower, for guessing spread over many addresses. An
 * address that signed into the account before is exempt, so such an attack cannot keep the owner out.
 */
export const ACCOUNT_POLICY: BackoffPolicy = {
  free: 50,
  baseMs: 1_000,
  maxMs: 5 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Failures that still count at `now`. */
export function activeFailures(record: FailureRecord | undefined, policy: BackoffPolicy, now: number): number {
  if (!record || now - record.lastFailureAt >= policy.forgetAfterMs) return 0;
  return record.failures;
}

/** The wait imposed after `failures` failures. */
export function delayAfter(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - policy.free));
}

/** Milliseconds until the next attempt may be checked (0: now). */
export function waitMs(record: FailureRecord | undefined, policy: BackoffPolicy, now: number): number {
  const failures = activeFailures(record, policy, now);
  if (!record || failures === 0) return 0;
  return Math.max(0, record.lastFailureAt + delayAfter(failures, policy) - now);
}
