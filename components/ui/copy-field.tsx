'use client';
import { useEffect, useId, useState } from 'react';
import { copyText } from '@/lib/ui/clipboard';
import styles from './copy-field.module.css';

export interface CopyFieldProps {
  label: string;
  value: string;
  /** Accessible name of the copy button, e.g. "Copy public link". */
  copyLabel: string;
}

/** A read-only URL with a copy button; if the clipboard refuses, the text is selected for a manual copy. */
export function CopyField({ label, value, copyLabel }: CopyFieldProps) {
  const id = useId();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (status !== 'copied') return;
    const timer = setTimeout(() => setStatus('idle'), 2500);
    return () => clearTimeout(timer);
  }, [status]);

  const copy = async () => {
    if (await copyText(value)) return setStatus('copied');
    setStatus('failed');
    const input = document.getElementById(id);
    if (input instanceof HTMLInputElement) input.select();
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className={styles.row}>
        <input
          id={id}
          className={`input ${styles.input}`}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copy()} aria-label={copyLabel}>
          {status === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <span role="status" className={status === 'failed' ? styles.hint : 'sr-only'}>
        {status === 'copied'
          ? 'Copied to the clipboard.'
          : status === 'failed'
            ? 'Could not copy automatically; the link is selected, copy it by hand.'
            : ''}
      </span>
    </div>
  );
}
