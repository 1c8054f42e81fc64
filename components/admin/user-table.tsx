'use client';
import { useState, useTransition } from 'react';
import { type ActionState, changeRoleAction, removeUserAction } from '@/app/(gallery)/admin/users/actions';
import styles from './admin.module.css';
import { RoleOptions } from './role-options';

export interface UserTableProps {
  users: { id: string; email: string; name: string | null; role: string; createdAt: string }[];
  currentUserId: string;
}

export function UserTable({ users, currentUserId }: UserTableProps) {
  const [status, setStatus] = useState<ActionState>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<ActionState>) => startTransition(async () => setStatus(await work()));

  return (
    <div className={styles.tableWrap}>
      <p aria-live="polite" className={status.error ? 'alert' : status.ok ? 'notice' : 'sr-only'}>
        {status.error ?? status.ok ?? ''}
      </p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td data-label="Email">
                {u.email}
                {u.id === currentUserId && <span className="muted"> (you)</span>}
              </td>
              <td data-label="Name">{u.name ?? '—'}</td>
              <td data-label="Role">
                <select
                  className="input"
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
              </td>
              <td data-label="Added">{new Date(u.createdAt).toLocaleDateString()}</td>
              <td>
                <div className={styles.actions}>
                  {confirming === u.id ? (
                    <>
                      <span>Remove {u.email} and all their images?</span>
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={pending}
                        onClick={() => run(() => removeUserAction(u.id))}
                      >
                        Remove
                      </button>
                      <button type="button" className="button" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="button button-danger"
                      aria-label={`Remove ${u.email}`}
                      onClick={() => setConfirming(u.id)}
                    >
                      Remove
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
