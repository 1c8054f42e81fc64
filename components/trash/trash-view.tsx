'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { errorMessage, LoadError } from '@/components/ui/load-error';
import { trashQueryOptions, useTrashAction } from '@/lib/queries/trash';
import type { TrashItem } from '@/lib/schemas/trash';
import styles from './trash.module.css';

export interface TrashViewProps {
  isAdmin: boolean;
}

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function TrashRow({ item, showOwner }: { item: TrashItem; showOwner: boolean }) {
  const action = useTrashAction();
  const [confirming, setConfirming] = useState(false);
  const busy = action.isPending;
  return (
    <li className={`card ${styles.row}`} aria-label={item.title}>
      <div className={styles.what}>
        <p className={styles.title}>{item.title}</p>
        <p className={`muted ${styles.meta}`}>
          {showOwner && !item.mine ? `${item.owner} · ` : ''}Deleted {day(item.trashedAt)} · deleted forever on{' '}
          {day(item.purgeAt)}
        </p>
        <FormAlert message={action.error ? errorMessage(action.error) : null} />
      </div>
      {confirming ? (
        <fieldset className={styles.confirm} aria-label={`Delete ${item.title} forever?`}>
          <span>Delete forever? This cannot be undone.</span>
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => action.mutate({ kind: 'purge', id: item.id })}
          >
            {busy ? 'Deleting…' : 'Delete forever'}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      ) : (
        <div className={styles.actions}>
          {item.restorable ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => action.mutate({ kind: 'restore', id: item.id })}
            >
              {busy ? 'Restoring…' : 'Restore'}
            </button>
          ) : (
            <span className="muted">Removed by an admin</span>
          )}
          <button type="button" className="button button-danger" disabled={busy} onClick={() => setConfirming(true)}>
            Delete forever
          </button>
        </div>
      )}
    </li>
  );
}

function EmptyTrashButton({ count }: { count: number }) {
  const action = useTrashAction();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        Empty trash
      </button>
    );
  }
  return (
    <fieldset className={styles.confirm} aria-label="Empty the trash?">
      <span>Delete all {count} forever?</span>
      <button
        type="button"
        className="button button-danger"
        disabled={action.isPending}
        onClick={() => action.mutate({ kind: 'empty' }, { onSuccess: () => setConfirming(false) })}
      >
        {action.isPending ? 'Emptying…' : 'Empty trash'}
      </button>
      <button type="button" className="button" disabled={action.isPending} onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <FormAlert message={action.error ? errorMessage(action.error) : null} />
    </fieldset>
  );
}

/** The trash: what was deleted, restorable for 30 days; admins see everyone's and may empty it. */
export function TrashView({ isAdmin }: TrashViewProps) {
  const trash = useQuery(trashQueryOptions());
  const items = trash.data ?? [];
  return (
    <>
      <div className={styles.head}>
        <h1>Trash</h1>
        {isAdmin && items.length > 0 && <EmptyTrashButton count={items.length} />}
      </div>
      <p className="muted">
        {isAdmin ? 'Images anyone deleted' : 'Images you deleted'} stay here for 30 days, then they are deleted forever.
        Nobody can open them while they are here.
      </p>
      {trash.isPending ? (
        <div role="status" aria-live="polite" className={styles.confirm}>
          <div className="spinner" aria-hidden="true" /> Loading…
        </div>
      ) : trash.isError ? (
        <LoadError what="trash" error={trash.error} onRetry={() => void trash.refetch()} />
      ) : items.length === 0 ? (
        <p className="notice">The trash is empty.</p>
      ) : (
        <ul className={styles.list}>
          {items.map((item) => (
            <TrashRow key={item.id} item={item} showOwner={isAdmin} />
          ))}
        </ul>
      )}
    </>
  );
}
