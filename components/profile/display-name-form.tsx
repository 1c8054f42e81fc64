'use client';
import { useActionState } from 'react';
import { type ProfileFormState, updateDisplayNameAction } from '@/app/(gallery)/profile/actions';
import { TextField } from '@/components/ui/text-field';
import { NAME_MAX_LENGTH } from '@/lib/schemas/user';
import { FormStatus } from './form-status';

export interface DisplayNameFormProps {
  name: string | null;
}

export function DisplayNameForm({ name }: DisplayNameFormProps) {
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(updateDisplayNameAction, {});
  return (
    <form action={action} noValidate>
      <FormStatus state={state} />
      <TextField
        id="display-name"
        label="Display name"
        name="name"
        type="text"
        autoComplete="name"
        maxLength={NAME_MAX_LENGTH}
        defaultValue={name ?? ''}
      />
      <button className="button button-primary" type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save name'}
      </button>
    </form>
  );
}
