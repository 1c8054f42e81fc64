'use client';
import { useState, useTransition } from 'react';
import { type ActionState, revokeInviteAction } from '@/app/(gallery)/admin/users/actions';
import { type Column, DataTable } from '@/components/admin/ui/data-table';
import { type InviteView, utcMinute } from './types';

export interface PendingInvitesProps {
  invites: readonly InviteView[];
}

/** Invites not yet used, revoked or expired; revoking one makes its link stop working. */
export function PendingInvites({ invites }: PendingInvitesProps) {
  const [status, setStatus] = useState<ActionState>({});
  const [pending, startTransition] = useTransition();
  const columns: Column<InviteView>[] = [
    { key: 'email', header: 'Email', cell: (i) => i.email },
    { key: 'role', header: 'Role', cell: (i) => i.role },
    { key: 'expires', header: 'Expires', cell: (i) => utcMinute(i.expiresAt) },
    {
      key: 'revoke',
      header: <span className="sr-only">Actions</span>,
      label: '',
      cell: (i) => (
        <button
          type="button"
          className="button button-danger"
          aria-label={`Revoke the invite for ${i.email}`}
          disabled={pending}
          onClick={() => startTransition(async () => setStatus(await revokeInviteAction(i.id)))}
        >
          Revoke
        </button>
      ),
    },
  ];
  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading">Pending invites</h2>
      <p aria-live="polite" className={status.error ? 'alert' : status.ok ? 'notice' : 'sr-only'}>
        {status.error ?? status.ok ?? ''}
      </p>
      {invites.length === 0 ? (
        <p className="muted">No pending invites. Used, revoked and expired ones are in the audit log.</p>
      ) : (
        <DataTable caption="Pending invites" rows={invites} columns={columns} />
      )}
    </section>
  );
}
