'use client';
import { useActionState, useId } from 'react';
import { type FormState, saveSettingsAction } from '@/app/(gallery)/admin/variants/actions';
import { FormAlert } from '@/components/ui/form-alert';
import type { AccountConfig } from '@/lib/images/client';
import { BROWSER_TTL } from '@/lib/schemas/admin-variants';
import styles from './variants.module.css';

export interface AccountSettingsFormProps {
  settings: AccountConfig;
}

/** The image account's own settings (`v1/config`): flexible variants and the browser TTL of public images. */
export function AccountSettingsForm({ settings }: AccountSettingsFormProps) {
  const id = useId();
  const [state, action, pending] = useActionState<FormState, FormData>(saveSettingsAction, {});
  return (
    <section className={`card ${styles.settings}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles.heading}>
        Account settings
      </h2>
      <form action={action}>
        <label className={styles.checkbox}>
          <input type="checkbox" name="flexible_variants" defaultChecked={settings.flexible_variants} /> Flexible
          variants: any size through URL options (<code>w=400,fit=cover</code>), for public images only
        </label>
        <div className="field">
          <label htmlFor={`${id}-ttl`}>Browser TTL of public images (seconds)</label>
          <input
            id={`${id}-ttl`}
            name="browser_ttl"
            type="number"
            className="input"
            min={BROWSER_TTL.min}
            max={BROWSER_TTL.max}
            step={1}
            required
            defaultValue={settings.browser_ttl}
            aria-describedby={`${id}-ttl-hint`}
          />
          <span id={`${id}-ttl-hint`} className="muted">
            From 3,600 (1 hour) to 31,536,000 (1 year). Signed images are cached only until their signature expires.
          </span>
        </div>
        <FormAlert message={state.error} />
        {state.ok && (
          <p className="notice" role="status">
            {state.ok}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save settings'}
        </button>
      </form>
    </section>
  );
}
