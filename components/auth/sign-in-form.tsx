'use client';
import { useActionState } from 'react';
import { type FormState, gitHubSignInAction, signInAction } from '@/app/(auth)/actions';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { EmailField } from './email-field';

export interface SignInFormProps {
  gitHub: boolean;
  /** A message from a redirect back to this page (e.g. a refused GitHub sign-in). */
  initialError?: string;
}

export function SignInForm({ gitHub, initialError }: SignInFormProps) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, { error: initialError });
  return (
    <>
      <form action={action} noValidate>
        <FormAlert message={state.error} />
        <EmailField defaultValue={state.values?.email} />
        <TextField
          id="password"
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button className="button button-primary" type="submit" disabled={pending} style={{ width: '100%' }}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {gitHub && (
        <form action={gitHubSignInAction} style={{ marginTop: '0.75rem' }}>
          <button className="button" type="submit" style={{ width: '100%' }}>
            Sign in with GitHub
          </button>
        </form>
      )}
    </>
  );
}
