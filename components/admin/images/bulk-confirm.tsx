'use client';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/admin/ui/confirm-dialog';
import type { BulkAction } from '@/lib/schemas/admin-images';
import type { OwnerOption } from './types';

export interface BulkConfirmProps {
  action: BulkAction | null;
  count: number;
  owners: readonly OwnerOption[];
  pending: boolean;
  onConfirm: (action: BulkAction, ownerId?: string) => void;
  onCancel: () => void;
}

const TEXT: Record<BulkAction, { title: (n: string) => string; body: string; confirm: string }> = {
  delete: {
    title: (n) => `Delete ${n}?`,
    body: 'Each original and every variant are removed from the image service, and their links stop working. This cannot be undone.',
    confirm: 'Delete',
  },
  make_private: {
    title: (n) => `Make ${n} private?`,
    body: 'They will be delivered only through signed links; public links stop working.',
    confirm: 'Make private',
  },
  make_public: {
    title: (n) => `Make ${n} public?`,
    body: 'Anyone who has a public link can view them, without signing in.',
    confirm: 'Make public',
  },
  change_owner: {
    title: (n) => `Change the owner of ${n}?`,
    body: 'The new owner can edit, share and delete them from then on.',
    confirm: 'Change owner',
  },
};

/** The confirmation before a bulk action; changing owner also asks who. */
export function BulkConfirm({ action, count, owners, pending, onConfirm, onCancel }: BulkConfirmProps) {
  const [ownerId, setOwnerId] = useState('');
  const text = action ? TEXT[action] : null;
  const n = `${count.toLocaleString('en')} image${count === 1 ? '' : 's'}`;
  return (
    <ConfirmDialog
      open={action !== null}
      title={text?.title(n) ?? ''}
      confirmLabel={text?.confirm ?? ''}
      tone={action === 'delete' ? 'danger' : 'primary'}
      pending={pending}
      canConfirm={action !== 'change_owner' || ownerId !== ''}
      onCancel={() => {
        setOwnerId('');
        onCancel();
      }}
      onConfirm={() => action && onConfirm(action, action === 'change_owner' ? ownerId : undefined)}
    >
      <p>{text?.body}</p>
      {action === 'change_owner' && (
        <div className="field">
          <label htmlFor="bulk-owner">New owner</label>
          <select className="input" id="bulk-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">Choose an uploader or admin…</option>
            {owners
              .filter((o) => o.canOwn)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
          </select>
        </div>
      )}
    </ConfirmDialog>
  );
}
