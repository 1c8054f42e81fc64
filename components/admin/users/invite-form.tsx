'use client';
import { useActionState, useEffect, useState } from 'react';
import { createInviteAction, type InviteState } from '@/app/(gallery)/admin/users/actions';
import { CopyField } from '@/components/ui/copy-field';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { RoleOptions } from './role-options';
import { utcMinute } from './types';
import styles from './users.module.css';

/** Invite by a one-time link: the admin picks the email and role, then copies the link (shown only once). */
export function InviteForm() {
  const [state, action, pending] = useActionState<InviteState, FormData>(createInviteAction, {});
  // The link is this page's own origin: the one the admin, and so the invitee, reaches the app by.
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <form action={action} className={`card ${styles.form}`} aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <p className="muted">
        They get a link to choose their own name and password. It works once, for 7 days. Signing in with GitHub under
        the invited email works too.
      </p>
      <FormAlert message={state.error} />
      <TextField id="invite-email" label="Email" name="email" type="email" required autoComplete="off" />
      <div className="field">
        <label htmlFor="invite-role">Role</label>
        <select className="input" id="invite-role" name="role" defaultValue="viewer">
          <RoleOptions />
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Creating…' : 'Create invite link'}
      </button>
      {state.invite && (
        <div className={`notice ${styles.inviteResult}`} role="status">
          <p>
            {state.ok} Valid until {utcMinute(new Date(state.invite.expiresAt).toISOString())} UTC.
          </p>
          <CopyField
            label={`Invite link for ${state.invite.email} (${state.invite.role})`}
            value={`${origin}${state.invite.path}`}
            copyLabel="Copy invite link"
          />
        </div>
      )}
    </form>
  );
}
