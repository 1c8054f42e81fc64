'use client';
import { useEffect, useState, useTransition } from 'react';
import { type ActionState, resetPasswordAction } from '@/app/(gallery)/admin/users/actions';
import { ConfirmDialog } from '@/components/admin/ui/confirm-dialog';
import { FormAlert } from '@/components/ui/form-alert';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';
import { generatePassword } from './generate-password';
import type { UserView } from './types';
import styles from './users.module.css';

export interface ResetPasswordDialogProps {
  user: UserView | null;
  onClose: () => void;
  onDone: (result: ActionState) => void;
}

/** The admin sets a new password (typed or generated, to hand over); the user is signed out everywhere. */
export function ResetPasswordDialog({ user, onClose, onDone }: ResetPasswordDialogProps) {
  const [password, setPassword] = useState('');
  const [visible, setVisible] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!user) return;
    setPassword('');
    setVisible(false);
    setError(null);
  }, [user]);

  const submit = () =>
    startTransition(async () => {
      if (!user) return;
      const result = await resetPasswordAction(user.id, password);
      if (result.error) setError(result.error);
      else onDone(result);
    });

  return (
    <ConfirmDialog
      open={user !== null}
      title={`Reset the password of ${user?.email ?? ''}`}
      confirmLabel="Set new password"
      pending={pending}
      canConfirm={password.length >= PASSWORD_MIN_LENGTH}
      onConfirm={submit}
      onCancel={onClose}
    >
      <p>
        They are signed out everywhere and sign in with the new password from then on. Tell them the new password
        yourself.
      </p>
      <FormAlert message={error} />
      <div className="field">
        <label htmlFor="reset-password">New password</label>
        <div className={styles.inline}>
          <input
            className="input"
            id="reset-password"
            type={visible ? 'text' : 'password'}
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button
            type="button"
            className="button"
            onClick={() => {
              setPassword(generatePassword());
              setVisible(true);
            }}
          >
            Generate
          </button>
        </div>
        <label className={styles.check}>
          <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} /> Show password
        </label>
      </div>
    </ConfirmDialog>
  );
}
