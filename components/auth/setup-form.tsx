'use client';
import { useActionState } from 'react';
import { type FormState, setupAction } from '@/app/(auth)/actions';
import { FormAlert } from '@/components/ui/form-alert';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, {});
  return (
    <form action={action} noValidate>
      <FormAlert message={state.error} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          className="input"
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          // biome-ignore lint/a11y/noAutofocus: the page is only this form; starting in its first field is what everyone needs
          autoFocus
          defaultValue={state.values?.email}
        />
      </div>
      <div className="field">
        <label htmlFor="name">Name (optional)</label>
        <input
          className="input"
          id="name"
          name="name"
          type="text"
          autoComplete="name"
          defaultValue={state.values?.name}
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          className="input"
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          required
        />
      </div>
      <div className="field">
        <label htmlFor="confirm">Confirm password</label>
        <input
          className="input"
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          required
        />
      </div>
      <button className="button button-primary" type="submit" disabled={pending} style={{ width: '100%' }}>
        {pending ? 'Creating…' : 'Create admin account'}
      </button>
    </form>
  );
}
