'use client';
import { useEffect, useState, useTransition } from 'react';
import { type ActionState, setDisabledAction } from '@/app/(gallery)/admin/users/actions';
import { ConfirmDialog } from '@/components/admin/ui/confirm-dialog';
import { FormAlert } from '@/components/ui/form-alert';
import type { UserView } from './types';

export interface DisableUserDialogProps {
  user: UserView | null;
  onClose: () => void;
  onDone: (result: ActionState) => void;
}

export function DisableUserDialog({ user, onClose, onDone }: DisableUserDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    if (user) setError(null);
  }, [user]);

  return (
    <ConfirmDialog
      open={user !== null}
      title={`Disable ${user?.email ?? ''}?`}
      confirmLabel="Disable"
      tone="danger"
      pending={pending}
      onCancel={onClose}
      onConfirm={() =>
        startTransition(async () => {
          if (!user) return;
          const result = await setDisabledAction(user.id, true);
          if (result.error) setError(result.error);
          else onDone(result);
        })
      }
    >
      <p>
        Their open sessions stop working at their next request, and they cannot sign in until an admin enables the
        account again. Their images stay.
      </p>
      <FormAlert message={error} />
    </ConfirmDialog>
  );
}
