'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { adminFetch } from '@/components/admin/ui/admin-fetch';
import { BulkResultSummary } from '@/components/admin/ui/bulk-result-summary';
import { DataTable } from '@/components/admin/ui/data-table';
import { useRowSelection } from '@/components/admin/ui/use-row-selection';
import { FormAlert } from '@/components/ui/form-alert';
import type { BulkResult } from '@/lib/admin/bulk-result';
import type {
  AdminImageFilter,
  AdminImagePage,
  AdminImageRow,
  BulkAction,
  BulkImagesRequest,
} from '@/lib/schemas/admin-images';
import styles from './admin-images.module.css';
import { BulkBar } from './bulk-bar';
import { BulkConfirm } from './bulk-confirm';
import { EditImageDialog } from './edit-image-dialog';
import { imageColumns } from './image-columns';
import { withParams } from './query-string';
import type { OwnerOption } from './types';

export interface ImageTableProps {
  page: AdminImagePage;
  /** The filter the list shows: "select all matching" acts on it. */
  filter: AdminImageFilter;
  /** The current URL query, for the sort links. */
  params: Readonly<Record<string, string>>;
  owners: readonly OwnerOption[];
}

const DONE: Record<BulkAction, string> = {
  delete: 'deleted',
  make_private: 'made private',
  make_public: 'made public',
  change_owner: 'given a new owner',
};

/** Every image, with selection, bulk actions (each confirmed) and an edit dialog per row. */
export function ImageTable({ page, filter, params, owners }: ImageTableProps) {
  const router = useRouter();
  const selection = useRowSelection(page.rows.map((r) => r.id));
  const [allMatching, setAllMatching] = useState(false);
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ result: BulkResult; done: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<AdminImageRow | null>(null);

  const messages = useRef<HTMLDivElement>(null);
  // Actions start from the bar under the table; their outcome is shown above it, so bring it into view.
  useEffect(() => {
    if (outcome || error || notice) messages.current?.scrollIntoView({ block: 'nearest' });
  }, [outcome, error, notice]);

  const count = allMatching ? page.total : selection.selectedIds.length;
  const clear = () => {
    selection.clear();
    setAllMatching(false);
  };

  const run = async (action: BulkAction, ownerId?: string) => {
    const selected: BulkImagesRequest['selection'] = allMatching
      ? { kind: 'filter', filter, expected: page.total }
      : { kind: 'ids', ids: selection.selectedIds };
    setBusy(true);
    setError(null);
    setNotice(null);
    const r = await adminFetch<BulkResult>('/api/admin/images/bulk', {
      method: 'POST',
      body: { action, ownerId, selection: selected },
    });
    setBusy(false);
    setConfirming(null);
    if (!r.ok) return setError(r.message);
    setOutcome({ result: r.data, done: DONE[action] });
    clear();
    router.refresh();
  };

  const sortState = {
    sort: page.sort,
    dir: page.dir,
    href: (sort: string, dir: string) => withParams('/admin/images', params, { sort, dir, page: null }),
  };
  const columns = imageColumns(sortState, page.deliveriesAvailable, setEditing);

  return (
    <>
      <div ref={messages} className={styles.messages}>
        <FormAlert message={error} />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {outcome && (
          <BulkResultSummary
            result={outcome.result}
            done={outcome.done}
            noun="images"
            onDismiss={() => setOutcome(null)}
          />
        )}
      </div>
      <DataTable
        caption="Images"
        rows={page.rows}
        columns={columns}
        rowProps={(r) => ({ 'data-image-id': r.id })}
        selection={{
          rows: {
            ...selection,
            // Any change to the boxes ends "all matching": the selection is the boxes again.
            click: (c) => {
              setAllMatching(false);
              selection.click(c);
            },
            toggleAll: () => {
              setAllMatching(false);
              selection.toggleAll();
            },
          },
          rowLabel: (r) => `Select ${r.title}`,
        }}
      />
      <BulkBar
        count={count}
        canSelectAllMatching={selection.header === 'all' && page.total > page.rows.length}
        allMatching={allMatching}
        total={page.total}
        busy={busy}
        onAction={setConfirming}
        onSelectAllMatching={() => setAllMatching(true)}
        onClear={clear}
      />
      <BulkConfirm
        action={confirming}
        count={count}
        owners={owners}
        pending={busy}
        onCancel={() => setConfirming(null)}
        onConfirm={(action, ownerId) => void run(action, ownerId)}
      />
      <EditImageDialog
        image={editing}
        onClose={() => setEditing(null)}
        onSaved={(message) => {
          setEditing(null);
          setNotice(message);
          router.refresh();
        }}
      />
    </>
  );
}
