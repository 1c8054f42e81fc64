'use client';
import { useActionState } from 'react';
import { type FormState, setupAction } from '@/app/(auth)/actions';
import { FormAlert } from '@/components/ui/form-alert';
import { EmailField } from './email-field';
import { NewAccountFields } from './new-account-fields';

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, {});
  return (
    <form action={action} noValidate>
      <FormAlert message={state.error} />
      <EmailField defaultValue={state.values?.email} />
      <NewAccountFields defaultName={state.values?.name} />
      <button className="button button-primary" type="submit" disabled={pending} style={{ width: '100%' }}>
        {pending ? 'Creating…' : 'Create admin account'}
      </button>
    </form>
  );
}
