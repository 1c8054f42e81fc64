'use client';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/admin/ui/confirm-dialog';
import type { ConsoleKey } from '@/lib/admin/keys';
import { formatUtc } from './format';

export interface DeleteKeyDialogProps {
  keyToDelete: ConsoleKey | null;
  pending: boolean;
  onConfirm: (breakLinks: boolean) => void;
  onCancel: () => void;
}

/** Deleting a key: free once nothing signed with it can be valid; otherwise only with "break existing links". */
export function DeleteKeyDialog({ keyToDelete: key, pending, onConfirm, onCancel }: DeleteKeyDialogProps) {
  const [breakLinks, setBreakLinks] = useState(false);
  const verdict = key?.verdict;
  const safe = verdict?.kind === 'safe';
  const close = () => {
    setBreakLinks(false);
    onCancel();
  };
  return (
    <ConfirmDialog
      open={key !== null}
      title={`Delete the key "${key?.name ?? ''}"?`}
      confirmLabel="Delete key"
      tone="danger"
      pending={pending}
      canConfirm={safe || breakLinks}
      onConfirm={() => onConfirm(!safe && breakLinks)}
      onCancel={close}
    >
      {verdict?.kind === 'safe' && <p>No link signed with it can still be valid, so deleting it breaks nothing.</p>}
      {verdict?.kind === 'breaks-links' && (
        <p>
          Links signed with it may stay valid until {formatUtc(new Date(verdict.safeAtMs).toISOString())} UTC (the
          longest signed-link lifetime after a newer key took over). Deleting it now makes them fail at once.
        </p>
      )}
      {verdict?.kind === 'signing-key' && (
        <p>
          The app signs every new link with this key. Deleting it breaks all links in use; rotate first, and delete it
          once the links it signed have expired.
        </p>
      )}
      {key?.configured && (
        <p>
          It is also the configured CLOUDFLARE_IMAGES_SIGNING_KEY. Where that variable is set explicitly, the embedded
          service puts the key back at its next start: change or unset the variable too.
        </p>
      )}
      {!safe && (
        <label>
          <input type="checkbox" checked={breakLinks} onChange={(e) => setBreakLinks(e.currentTarget.checked)} /> Break
          existing links signed with this key
        </label>
      )}
    </ConfirmDialog>
  );
}
