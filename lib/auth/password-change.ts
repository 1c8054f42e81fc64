/**
 * The profile page's check of the current password before a new one is set. A stolen session must
 * not become an unlimited way to guess the password, so the check goes through the sign-in limiter —
 * the same records as the sign-in form (the account, the account from this address, the address),
 * kept in the shared database — before Argon2 runs, and every wrong password is audited.
 */
import { recordAudit } from '@/lib/db/audit';
import { verifyPassword } from './password';
import type { SignInLimiter } from './sign-in-limiter';

export type CurrentPasswordCheck = { ok: true } | { ok: false; error: string };

export function tooManyAttempts(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

export async function checkCurrentPassword(
  limiter: SignInLimiter,
  user: { id: string; email: string; passwordHash: string },
  given: string,
  address: string | null,
  now = Date.now(),
): Promise<CurrentPasswordCheck> {
  const gate = await limiter.begin({ account: user.email, address, userId: user.id }, now);
  if (!gate.ok) return { ok: false, error: tooManyAttempts(gate.retryAfterSeconds) };
  if (await verifyPassword(user.passwordHash, given)) {
    await limiter.succeeded(gate.ticket, now);
    return { ok: true };
  }
  await limiter.failed(gate.ticket, now);
  await recordAudit({ actorId: user.id, action: 'auth.password_check_failed', target: user.id, at: now });
  return { ok: false, error: 'The current password is not correct.' };
}
