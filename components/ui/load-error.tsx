'use client';
import Link from 'next/link';
import { ApiRequestError } from '@/lib/queries/images';
import styles from './state-box.module.css';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return 'The server could not be reached. Check your connection.';
}

export interface LoadErrorProps {
  /** What failed, as in "The gallery could not be loaded." */
  what: string;
  error: unknown;
  onRetry: () => void;
}

/** A failed query: the reason, then "Try again" — or "Sign in again" when the session ended. */
export function LoadError({ what, error, onRetry }: LoadErrorProps) {
  const signedOut = error instanceof ApiRequestError && error.status === 401;
  return (
    <div className={`alert ${styles.stateBox}`} role="alert">
      <p>
        <strong>The {what} could not be loaded.</strong> {errorMessage(error)}
      </p>
      {signedOut ? (
        <Link href="/sign-in" className="button">
          Sign in again
        </Link>
      ) : (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
