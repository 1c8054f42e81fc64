'use client';
import { useState, useTransition } from 'react';
import { type KeyActionState, rotateKeyAction } from '@/app/(gallery)/admin/keys/actions';
import styles from './keys.module.css';

/** "Rotate": a new key the app signs with from now on; nothing breaks, so no confirmation. */
export function RotateKeyButton() {
  const [status, setStatus] = useState<KeyActionState>({});
  const [pending, startTransition] = useTransition();
  return (
    <div className={styles.rotate}>
      <button
        type="button"
        className="button button-primary"
        disabled={pending}
        onClick={() => startTransition(async () => setStatus(await rotateKeyAction()))}
      >
        {pending ? 'Rotating…' : 'Rotate: create a new key'}
      </button>
      <p aria-live="polite" className={status.error ? 'alert' : status.ok ? 'notice' : 'sr-only'}>
        {status.error ?? status.ok ?? ''}
      </p>
    </div>
  );
}
