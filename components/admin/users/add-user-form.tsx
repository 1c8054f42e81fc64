'use client';
import { useActionState } from 'react';
import { type ActionState, addUserAction } from '@/app/(gallery)/admin/users/actions';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';
import { RoleOptions } from './role-options';
import styles from './users.module.css';

/** Creates an account with a password the admin chooses (and hands over), for when a link will not do. */
export function AddUserForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(addUserAction, {});
  return (
    <form action={action} className={`card ${styles.form}`} aria-labelledby="add-heading">
      <h2 id="add-heading">Add a user with a password</h2>
      <FormAlert message={state.error} />
      {state.ok && <p className="notice">{state.ok}</p>}
      <TextField id="new-email" label="Email" name="email" type="email" required autoComplete="off" />
      <TextField id="new-name" label="Name (optional)" name="name" type="text" autoComplete="off" />
      <TextField
        id="new-password"
        label="Initial password"
        name="password"
        type="password"
        minLength={PASSWORD_MIN_LENGTH}
        required
        autoComplete="new-password"
      />
      <div className="field">
        <label htmlFor="new-role">Role</label>
        <select className="input" id="new-role" name="role" defaultValue="viewer">
          <RoleOptions />
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Adding…' : 'Add user'}
      </button>
    </form>
  );
}
