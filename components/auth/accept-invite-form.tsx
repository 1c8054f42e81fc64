'use client';
import { useActionState } from 'react';
import { type AcceptState, acceptInviteAction } from '@/app/(auth)/invite/[token]/actions';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';

export interface AcceptInviteFormProps {
  token: string;
  /** The invited email: fixed by the invite, shown so they know which account they are making. */
  email: string;
}

export function AcceptInviteForm({ token, email }: AcceptInviteFormProps) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptInviteAction, {});
  return (
    <form action={action} noValidate>
      <FormAlert message={state.error} />
      <input type="hidden" name="token" value={token} />
      <TextField id="email" label="Email" type="email" value={email} readOnly autoComplete="username" />
      <TextField
        id="name"
        label="Name (optional)"
        name="name"
        type="text"
        autoComplete="name"
        defaultValue={state.values?.name}
      />
      {(['password', 'confirm'] as const).map((field) => (
        <TextField
          key={field}
          id={field}
          label={field === 'password' ? 'Password' : 'Confirm password'}
          name={field}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          required
        />
      ))}
      <button className="button button-primary" type="submit" disabled={pending} style={{ width: '100%' }}>
        {pending ? 'Creating your account…' : 'Create account and sign in'}
      </button>
    </form>
  );
}
