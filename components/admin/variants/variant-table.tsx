'use client';
import { useState, useTransition } from 'react';
import { deleteVariantAction, type FormState } from '@/app/(gallery)/admin/variants/actions';
import { ConfirmDialog } from '@/components/admin/ui/confirm-dialog';
import { type Column, DataTable } from '@/components/admin/ui/data-table';
import type { ConsoleVariant } from '@/lib/admin/variants';
import styles from './variants.module.css';

export interface VariantTableProps {
  variants: readonly ConsoleVariant[];
  onEdit: (v: ConsoleVariant) => void;
  onPreview: (id: string) => void;
}

function size(v: ConsoleVariant): string {
  const { width, height } = v.options;
  if (width && height) return `${width} × ${height}`;
  return width ? `${width} wide` : `${height ?? '?'} high`;
}

/** Every variant of the account; the app's own ones say why they are read-only. */
export function VariantTable({ variants, onEdit, onPreview }: VariantTableProps) {
  const [status, setStatus] = useState<FormState>({});
  const [deleting, setDeleting] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const columns: Column<ConsoleVariant>[] = [
    { key: 'id', header: 'Name', cell: (v) => <strong>{v.id}</strong> },
    { key: 'fit', header: 'Fit', cell: (v) => v.options.fit },
    { key: 'size', header: 'Size (px)', cell: size },
    { key: 'metadata', header: 'Metadata', cell: (v) => v.options.metadata },
    {
      key: 'signed',
      header: 'Private images',
      cell: (v) => (v.neverRequireSignedURLs ? 'served without a signature' : 'signed URLs only'),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      label: '',
      cell: (v) => (
        <div className={styles.rowActions}>
          <button type="button" className="button" onClick={() => onPreview(v.id)} aria-label={`Preview ${v.id}`}>
            Preview
          </button>
          {v.lockedBecause ? (
            <span className={`muted ${styles.lock}`}>{v.lockedBecause}</span>
          ) : (
            <>
              <button type="button" className="button" onClick={() => onEdit(v)} aria-label={`Edit ${v.id}`}>
                Edit
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => setDeleting(v.id)}
                aria-label={`Delete ${v.id}`}
              >
                Delete
              </button>
            </>
          )}
        </div>
      ),
    },
  ];

  return (
    <section aria-labelledby="variants-heading">
      <h2 id="variants-heading" className={styles.heading}>
        Variants
      </h2>
      <p aria-live="polite" className={status.error ? 'alert' : status.ok ? 'notice' : 'sr-only'}>
        {status.error ?? status.ok ?? ''}
      </p>
      <DataTable caption="Variants" rows={variants} columns={columns} rowProps={(v) => ({ 'data-variant': v.id })} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the variant "${deleting ?? ''}"?`}
        confirmLabel="Delete variant"
        tone="danger"
        pending={pending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const id = deleting;
          if (!id) return;
          startTransition(async () => {
            setStatus(await deleteVariantAction(id));
            setDeleting(null);
          });
        }}
      >
        <p>URLs that name this variant stop working, and its generated files are removed.</p>
      </ConfirmDialog>
    </section>
  );
}
