/**
 * Auth.js's logger, quieter: its default prints a dozen lines with a stack trace for every wrong
 * password. A refused sign-in is expected traffic (sign-in-log.ts writes one line per burst of
 * them), errors a client can cause with a bad cookie or form get one line, and only the rest —
 * real faults — keep their stack.
 */
import { CredentialsSignin } from 'next-auth';

type AuthLogger = {
  error: (error: Error) => void;
  warn: (code: string) => void;
  debug: (message: string, metadata?: unknown) => void;
};

/** Error types a client triggers on its own (tampered or stale cookies, forged forms). */
const CLIENT_CAUSED = new Set([
  'JWTSessionError',
  'MissingCSRF',
  'InvalidCheck',
  'UnknownAction',
  'InvalidCallbackUrl',
]);

const typeOf = (error: Error) => {
  const type = (error as Error & { type?: unknown }).type;
  return typeof type === 'string' ? type : error.name;
};

export function authLogger(write: Pick<Console, 'error' | 'warn'> = console): AuthLogger {
  return {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      const type = typeOf(error);
      const line = `[auth] ${type}: ${error.message.split('\n')[0] ?? ''}`;
      if (CLIENT_CAUSED.has(type)) write.error(line);
      else write.error(line, error.cause ?? error);
    },
    warn(code) {
      write.warn(`[auth] warning ${code}: https://warnings.authjs.dev`);
    },
    debug() {},
  };
}
