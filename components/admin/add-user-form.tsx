'use client';
import { useActionState } from 'react';
import { type ActionState, addUserAction } from '@/app/(gallery)/admin/users/actions';
import { FormAlert } from '@/components/ui/form-alert';
import { ROLES } from '@/lib/auth/roles';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';
import styles from './admin.module.css';

export function AddUserForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(addUserAction, {});
  return (
    <form action={action} className={`card ${styles.addForm}`}>
      <FormAlert message={state.error} />
      {state.ok && <p className="notice">{state.ok}</p>}
      <div className="field">
        <label htmlFor="new-email">Email</label>
        <input className="input" id="new-email" name="email" type="email" required autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="new-name">Name (optional)</label>
        <input className="input" id="new-name" name="name" type="text" autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="new-password">Initial password</label>
        <input
          className="input"
          id="new-password"
          name="password"
          type="password"
          minLength={PASSWORD_MIN_LENGTH}
          required
          autoComplete="new-password"
        />
      </div>
      <div className="field">
        <label htmlFor="new-role">Role</label>
        <select className="input" id="new-role" name="role" defaultValue="viewer">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Adding…' : 'Add user'}
      </button>
    </form>
  );
}
