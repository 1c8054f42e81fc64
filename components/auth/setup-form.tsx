'use client';
import { useActionState } from 'react';
import { type FormState, setupAction } from '@/app/(auth)/actions';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';
import { EmailField } from './email-field';

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, {});
  return (
    <form action={action} noValidate>
      <FormAlert message={state.error} />
      <EmailField defaultValue={state.values?.email} />
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
        {pending ? 'Creating…' : 'Create admin account'}
      </button>
    </form>
  );
}
