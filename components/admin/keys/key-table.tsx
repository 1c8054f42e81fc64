'use client';
import { useState, useTransition } from 'react';
import { deleteKeyAction, type KeyActionState } from '@/app/(gallery)/admin/keys/actions';
import { type Column, DataTable } from '@/components/admin/ui/data-table';
import type { ConsoleKey } from '@/lib/admin/keys';
import { DeleteKeyDialog } from './delete-key-dialog';
import { formatUtc } from './format';
import { KeyValue } from './key-value';
import styles from './keys.module.css';

export interface KeyTableProps {
  keys: readonly ConsoleKey[];
}

type Row = ConsoleKey & { id: string };

function deletable(key: ConsoleKey): string {
  if (key.verdict.kind === 'safe') return 'Yes: no link signed with it is still valid';
  if (key.verdict.kind === 'signing-key') return 'Signs new links; rotate first';
  return `Freely from ${formatUtc(new Date(key.verdict.safeAtMs).toISOString())} UTC`;
}

/** The account's keys: masked values, which one signs, and when each may go without breaking links. */
export function KeyTable({ keys }: KeyTableProps) {
  const [status, setStatus] = useState<KeyActionState>({});
  const [deleting, setDeleting] = useState<ConsoleKey | null>(null);
  const [pending, startTransition] = useTransition();
  const rows: Row[] = keys.map((k) => ({ ...k, id: k.fingerprint }));

  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: 'Name',
      cell: (k) => (
        <span className={styles.name}>
          <strong>{k.name}</strong>
          {k.signing && <span className={styles.badge}>signs new links</span>}
          {k.configured && <span className={`${styles.badge} ${styles.quiet}`}>configured</span>}
        </span>
      ),
    },
    { key: 'value', header: 'Value', cell: (k) => <KeyValue name={k.name} fingerprint={k.fingerprint} /> },
    { key: 'seen', header: 'In use since', cell: (k) => `${formatUtc(k.firstSeen)} UTC` },
    { key: 'delete', header: 'Can be deleted', cell: (k) => deletable(k) },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      label: '',
      cell: (k) => (
        <button
          type="button"
          className="button button-danger"
          aria-label={`Delete ${k.name}`}
          onClick={() => setDeleting(k)}
        >
          Delete
        </button>
      ),
    },
  ];

  const confirmDelete = (breakLinks: boolean) => {
    if (!deleting) return;
    const fingerprint = deleting.fingerprint;
    startTransition(async () => {
      setStatus(await deleteKeyAction(fingerprint, breakLinks));
      setDeleting(null);
    });
  };

  return (
    <>
      <p aria-live="polite" className={status.error ? 'alert' : status.ok ? 'notice' : 'sr-only'}>
        {status.error ?? status.ok ?? ''}
      </p>
      <DataTable caption="Signing keys" rows={rows} columns={columns} rowProps={(k) => ({ 'data-key-name': k.name })} />
      <DeleteKeyDialog
        keyToDelete={deleting}
        pending={pending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}
