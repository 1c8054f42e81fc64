'use client';
import { useActionState, useEffect, useRef } from 'react';
import { changePasswordAction, type ProfileFormState } from '@/app/(gallery)/profile/actions';
import { TextField } from '@/components/ui/text-field';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';
import { FormStatus } from './form-status';

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(changePasswordAction, {});
  const formRef = useRef<HTMLFormElement>(null);
  // Passwords are not kept in the fields once they have done their job.
  useEffect(() => {
    if (state.done) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} action={action} noValidate>
      <FormStatus state={state} />
      <TextField
        id="current-password"
        label="Current password"
        name="current"
        type="password"
        autoComplete="current-password"
        required
      />
      <TextField
        id="new-password"
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        required
      />
      <TextField
        id="confirm-password"
        label="Confirm new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        required
      />
      <button className="button button-primary" type="submit" disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
