'use client';
import { useActionState } from 'react';
import { type AcceptState, acceptInviteAction } from '@/app/(auth)/invite/[token]/actions';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { NewAccountFields } from './new-account-fields';

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
      <NewAccountFields defaultName={state.values?.name} />
      <button className="button button-primary" type="submit" disabled={pending} style={{ width: '100%' }}>
        {pending ? 'Creating your account…' : 'Create account and sign in'}
      </button>
    </form>
  );
}
