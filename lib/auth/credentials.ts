/**
 * Email + password sign-in: limits checked first (without touching the password), the password
 * verified in constant-ish time whether or not the account exists, and only a wrong password
 * counted as a failure.
 */
import { randomBytes } from 'node:crypto';
import { CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { findUserByEmail, type UserRow } from '@/lib/db/users';
import { emailSchema, PASSWORD_MAX_LENGTH } from '@/lib/schemas/user';
import { type Cidr, clientAddress, clientIp } from './client-address';
import { hashPassword, verifyPassword } from './password';
import type { SignInLimiter } from './sign-in-limiter';
import { burstLine } from './sign-in-log';

/** Too many failures from here or for this account: the attempt was not checked. */
export class TooManyAttempts extends CredentialsSignin {
  override code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/** The right password for a disabled account. */
export class AccountDisabled extends CredentialsSignin {
  override code = 'disabled';
}

// Sign-in checks only the shape: a password shorter than today's minimum may predate it.
const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(PASSWORD_MAX_LENGTH) });

// A real hash to verify against when the email is unknown, so response time does not reveal accounts.
let dummyHash: Promise<string> | null = null;
const unknownUserHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

export interface CredentialsDeps {
  limiter: () => SignInLimiter | Promise<SignInLimiter>;
  trustedProxies: readonly Cidr[];
  log?: (line: string) => void;
  now?: () => number;
}

export type SignedInUser = Pick<UserRow, 'id' | 'email' | 'name' | 'role'>;

/** The Credentials provider's `authorize`: a user, null for wrong credentials, or a CredentialsSignin error. */
export function authorizeCredentials(deps: CredentialsDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((line: string) => console.warn(line));
  return async (raw: unknown, request: Request): Promise<SignedInUser | null> => {
    const parsed = credentialsSchema.safeParse(raw);
    if (!parsed.success) return null;
    const { email } = parsed.data;
    const address = clientAddress(request.headers, deps.trustedProxies);
    const account = await findUserByEmail(email);
    const limiter = await deps.limiter();
    const gate = await limiter.begin({ account: email, address, userId: account?.id ?? null }, now());
    if (!gate.ok) throw new TooManyAttempts(gate.retryAfterSeconds);

    const hash = account?.password_hash ?? (await unknownUserHash());
    const ok = (await verifyPassword(hash, parsed.data.password)) && !!account?.password_hash;
    if (!account || !ok) {
      const burst = await limiter.failed(gate.ticket, now());
      if (burst) {
        log(burstLine(email, address, burst));
        // One entry per burst, like the log line: the admin sees the attempt without a flood of rows.
        await recordAudit({
          actorId: null,
          action: 'auth.sign_in_failed',
          target: account?.id ?? email,
          detail: { email, ...(burst.previous ? { previousBurst: burst.previous } : {}) },
          ip: clientIp(request.headers, deps.trustedProxies),
        });
      }
      return null;
    }
    await limiter.succeeded(gate.ticket, now());
    if (account.disabled_at !== null) throw new AccountDisabled();
    return { id: account.id, email: account.email, name: account.name, role: account.role };
  };
}
