'use client';
import { useState, useTransition } from 'react';
import { type ActionState, changeRoleAction, setDisabledAction } from '@/app/(gallery)/admin/users/actions';
import { type Column, DataTable } from '@/components/admin/ui/data-table';
import { DisableUserDialog } from './disable-user-dialog';
import { RemoveUserDialog } from './remove-user-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { RoleOptions } from './role-options';
import { type UserView, utcDay, utcMinute } from './types';
import styles from './users.module.css';

export interface UserTableProps {
  users: readonly UserView[];
  currentUserId: string;
}

type Dialog = { kind: 'reset' | 'disable' | 'remove'; user: UserView } | null;

/** Every user with their facts, an inline role change, and per-row password reset, disable/enable and removal. */
export function UserTable({ users, currentUserId }: UserTableProps) {
  const [status, setStatus] = useState<ActionState>({});
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<ActionState>) => startTransition(async () => setStatus(await work()));
  const done = (result: ActionState) => {
    setStatus(result);
    if (!result.error) setDialog(null);
  };

  const columns: Column<UserView>[] = [
    {
      key: 'user',
      header: 'User',
      label: '',
      cell: (u) => (
        <div className={styles.who}>
          <span className={styles.email}>
            {u.email}
            {u.id === currentUserId && <span className="muted"> (you)</span>}
          </span>
          {u.name && <span className="muted">{u.name}</span>}
          {u.disabled && <span className={styles.badge}>Disabled</span>}
        </div>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      cell: (u) => (
        <select
          className={`input ${styles.role}`}
          aria-label={`Role of ${u.email}`}
          defaultValue={u.role}
          disabled={pending}
          onChange={(e) => {
            const select = e.currentTarget;
            run(async () => {
              const result = await changeRoleAction(u.id, select.value);
              if (result.error) select.value = u.role; // refused: show what is true
              return result;
            });
          }}
        >
          <RoleOptions />
        </select>
      ),
    },
    { key: 'created', header: 'Created', cell: (u) => <span className={styles.nowrap}>{utcDay(u.createdAt)}</span> },
    {
      key: 'last',
      header: 'Last sign-in',
      cell: (u) =>
        u.lastSignInAt ? (
          <span className={styles.nowrap}>{utcMinute(u.lastSignInAt)}</span>
        ) : (
          <span className="muted">Never</span>
        ),
    },
    { key: 'images', header: 'Images', numeric: true, cell: (u) => u.imageCount.toLocaleString('en') },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      label: '',
      cell: (u) => (
        <div className={styles.actions}>
          <button
            type="button"
            className="button"
            aria-label={`Reset password of ${u.email}`}
            onClick={() => setDialog({ kind: 'reset', user: u })}
          >
            Reset password
          </button>
          {u.disabled ? (
            <button
              type="button"
              className="button"
              aria-label={`Enable ${u.email}`}
              disabled={pending}
              onClick={() => run(() => setDisabledAction(u.id, false))}
            >
              Enable
            </button>
          ) : (
            u.id !== currentUserId && (
              <button
                type="button"
                className="button"
                aria-label={`Disable ${u.email}`}
                onClick={() => setDialog({ kind: 'disable', user: u })}
              >
                Disable
              </button>
            )
          )}
          <button
            type="button"
            className="button button-danger"
            aria-label={`Remove ${u.email}`}
            onClick={() => setDialog({ kind: 'remove', user: u })}
          >
            Remove
          </button>
        </div>
      ),
    },
  ];

  return (
    <>
      <p aria-live="polite" className={status.error ? 'alert' : status.ok ? 'notice' : 'sr-only'}>
        {status.error ?? status.ok ?? ''}
      </p>
      <DataTable
        caption="Users"
        rows={users}
        columns={columns}
        rowProps={(u) => ({ 'data-email': u.email, 'data-state': u.disabled ? 'disabled' : 'active' })}
      />
      <ResetPasswordDialog
        user={dialog?.kind === 'reset' ? dialog.user : null}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <DisableUserDialog
        user={dialog?.kind === 'disable' ? dialog.user : null}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <RemoveUserDialog
        user={dialog?.kind === 'remove' ? dialog.user : null}
        users={users}
        onClose={() => setDialog(null)}
        onDone={done}
      />
    </>
  );
}
