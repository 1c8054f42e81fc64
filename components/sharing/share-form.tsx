'use client';
import { type FormEvent, useId, useState } from 'react';
import { CopyField } from '@/components/ui/copy-field';
import { FormAlert } from '@/components/ui/form-alert';
import { errorMessage } from '@/components/ui/load-error';
import { useCreateShare } from '@/lib/queries/shares';
import { type CreatedShareLink, SHARE_LIFETIMES, SHARE_PASSWORD_MIN_LENGTH } from '@/lib/schemas/shares';
import styles from './sharing.module.css';

export interface ShareFormProps {
  target: { kind: 'image' | 'album'; id: string };
  /** Whether "never expires" may be offered: only while every shared image is public. */
  allowForever: boolean;
}

const DEFAULT_LIFETIME = String(7 * 24 * 3600);

/** Creates a share link; its URL (holding the token) is shown this once, to copy. */
export function ShareForm({ target, allowForever }: ShareFormProps) {
  const id = useId();
  const [lifetime, setLifetime] = useState(DEFAULT_LIFETIME);
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const create = useCreateShare();
  const lifetimes = SHARE_LIFETIMES.filter((l) => l.seconds !== null || allowForever);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate(
      {
        target: { kind: target.kind, id: target.id },
        expiresInSeconds: lifetime === 'never' ? null : Number(lifetime),
        ...(password ? { password } : {}),
      },
      {
        onSuccess: (link) => {
          setCreated(link);
          setPassword('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className={styles.section}>
      <div className={styles.fields}>
        <div className="field">
          <label htmlFor={`${id}-life`}>Expires after</label>
          <select id={`${id}-life`} className="input" value={lifetime} onChange={(e) => setLifetime(e.target.value)}>
            {lifetimes.map((l) => (
              <option key={l.label} value={l.seconds === null ? 'never' : String(l.seconds)}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-pw`}>Password (optional)</label>
          <input
            id={`${id}-pw`}
            className="input"
            type="password"
            autoComplete="new-password"
            minLength={SHARE_PASSWORD_MIN_LENGTH}
            maxLength={200}
            aria-describedby={`${id}-pw-hint`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span id={`${id}-pw-hint`} className="muted">
            At least {SHARE_PASSWORD_MIN_LENGTH} characters: anyone holding the link may try to guess it.
          </span>
        </div>
      </div>
      <div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create share link'}
        </button>
      </div>
      {created && (
        <CopyField
          label="New share link (shown once: copy it now)"
          value={`${window.location.origin}${created.url}`}
          copyLabel="Copy share link"
        />
      )}
      <FormAlert message={create.error ? errorMessage(create.error) : null} />
    </form>
  );
}
