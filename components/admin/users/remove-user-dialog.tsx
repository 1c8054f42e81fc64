'use client';
import { useEffect, useState, useTransition } from 'react';
import { type ActionState, removeUserAction } from '@/app/(gallery)/admin/users/actions';
import { ConfirmDialog } from '@/components/admin/ui/confirm-dialog';
import { FormAlert } from '@/components/ui/form-alert';
import type { UserView } from './types';
import styles from './users.module.css';

export interface RemoveUserDialogProps {
  user: UserView | null;
  /** Everyone, to offer the ones who may receive the images. */
  users: readonly UserView[];
  onClose: () => void;
  onDone: (result: ActionState) => void;
}

/** Removal, offering to give the user's images to an active uploader or admin instead of deleting them. */
export function RemoveUserDialog({ user, users, onClose, onDone }: RemoveUserDialogProps) {
  const [mode, setMode] = useState<'transfer' | 'delete'>('transfer');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const recipients = users.filter((u) => u.id !== user?.id && !u.disabled && u.role !== 'viewer');
  const images = user?.imageCount ?? 0;
  // Nothing to keep, or nobody to keep it: removal deletes (and says so).
  const canTransfer = images > 0 && recipients.length > 0;
  const transfer = canTransfer && mode === 'transfer';

  useEffect(() => {
    if (!user) return;
    setMode('transfer');
    setTo('');
    setError(null);
  }, [user]);

  const n = `${images.toLocaleString('en')} image${images === 1 ? '' : 's'}`;
  return (
    <ConfirmDialog
      open={user !== null}
      title={`Remove ${user?.email ?? ''}?`}
      confirmLabel="Remove"
      tone="danger"
      pending={pending}
      canConfirm={!transfer || to !== ''}
      onCancel={onClose}
      onConfirm={() =>
        startTransition(async () => {
          if (!user) return;
          const result = await removeUserAction(user.id, transfer ? to : undefined);
          if (result.error) setError(result.error);
          else onDone(result);
        })
      }
    >
      <p>Their account and sessions end at once. This cannot be undone.</p>
      <FormAlert message={error} />
      {images === 0 && <p className="muted">They have no images.</p>}
      {images > 0 && !canTransfer && (
        <p>
          Their {n} will be deleted, with every variant and link: there is no other active uploader or admin to give
          them to.
        </p>
      )}
      {canTransfer && (
        <fieldset className={styles.choice}>
          <legend>Their {n}</legend>
          <label className={styles.check}>
            <input type="radio" name="images" checked={mode === 'transfer'} onChange={() => setMode('transfer')} /> Give
            them to another user
          </label>
          {mode === 'transfer' && (
            <div className="field">
              <label htmlFor="remove-transfer-to">New owner</label>
              <select className="input" id="remove-transfer-to" value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">Choose an uploader or admin…</option>
                {recipients.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name ? `${r.name} (${r.email})` : r.email}
                  </option>
                ))}
              </select>
            </div>
          )}
          <label className={styles.check}>
            <input type="radio" name="images" checked={mode === 'delete'} onChange={() => setMode('delete')} /> Delete
            them, with every variant and link
          </label>
        </fieldset>
      )}
    </ConfirmDialog>
  );
}
