import { CredentialsSignin } from 'next-auth';
import { describe, expect, it, vi } from 'vitest';
import { authLogger } from './logger';

function capture() {
  const write = { error: vi.fn(), warn: vi.fn() };
  return { logger: authLogger(write), write };
}

class JWTSessionError extends Error {
  readonly type = 'JWTSessionError';
}

describe('authLogger', () => {
  it('says nothing about a wrong password', () => {
    const { logger, write } = capture();
    logger.error(new CredentialsSignin());
    expect(write.error).not.toHaveBeenCalled();
  });

  it('gives a client-caused error one line, without a stack', () => {
    const { logger, write } = capture();
    logger.error(new JWTSessionError('Invalid Compact JWE\nmore detail'));
    expect(write.error.mock.calls).toEqual([['[auth] JWTSessionError: Invalid Compact JWE']]);
  });

  it('keeps the cause of a real fault', () => {
    const { logger, write } = capture();
    const cause = new Error('database is locked');
    logger.error(new Error('Callback failed', { cause }));
    expect(write.error.mock.calls).toEqual([['[auth] Error: Callback failed', cause]]);
  });
});
