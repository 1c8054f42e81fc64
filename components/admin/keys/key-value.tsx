'use client';
import { useState, useTransition } from 'react';
import { revealKeyAction } from '@/app/(gallery)/admin/keys/actions';
import styles from './keys.module.css';

export interface KeyValueProps {
  name: string;
  fingerprint: string;
}

/** A key's value: masked until the admin asks; the value comes from the server only then. */
export function KeyValue({ name, fingerprint }: KeyValueProps) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reveal = () =>
    startTransition(async () => {
      const result = await revealKeyAction(fingerprint);
      if ('error' in result) setError(result.error);
      else setValue(result.value);
    });

  return (
    <div className={styles.value}>
      {value === null ? (
        <>
          <span className={styles.masked} aria-hidden="true">
            ••••••••••••••••
          </span>
          <span className="sr-only">Value hidden</span>
          <button type="button" className="button" onClick={reveal} disabled={pending} aria-label={`Reveal ${name}`}>
            {pending ? 'Revealing…' : 'Reveal'}
          </button>
        </>
      ) : (
        <>
          <code className={styles.secret} data-testid={`key-value-${name}`}>
            {value}
          </code>
          <button type="button" className="button" onClick={() => setValue(null)} aria-label={`Hide ${name}`}>
            Hide
          </button>
        </>
      )}
      {error && (
        <span role="alert" className={styles.error}>
          {error}
        </span>
      )}
    </div>
  );
}
