'use client';
import type { BulkAction } from '@/lib/schemas/admin-images';
import styles from './admin-images.module.css';

export interface BulkBarProps {
  /** How many images the next action would act on. */
  count: number;
  /** Every row on this page is selected and more match: offer "all N matching". */
  canSelectAllMatching: boolean;
  allMatching: boolean;
  total: number;
  busy: boolean;
  onAction: (action: BulkAction) => void;
  onSelectAllMatching: () => void;
  onClear: () => void;
}

const BUTTONS: readonly { action: BulkAction; label: string; danger?: boolean }[] = [
  { action: 'make_private', label: 'Make private' },
  { action: 'make_public', label: 'Make public' },
  { action: 'change_owner', label: 'Change owner' },
  { action: 'delete', label: 'Delete', danger: true },
];

/** What to do with the selected images, and how many that is. */
export function BulkBar(p: BulkBarProps) {
  return (
    <section className={styles.bulkBar} aria-label="Selected images">
      <p className={styles.bulkCount} aria-live="polite">
        {p.count === 0 ? (
          'Select images to act on them.'
        ) : p.allMatching ? (
          <>
            <strong>All {p.total.toLocaleString('en')} matching images</strong> are selected.{' '}
            <button type="button" className={styles.linkButton} onClick={p.onClear}>
              Clear selection
            </button>
          </>
        ) : (
          <>
            <strong>{p.count} selected</strong>
            {p.canSelectAllMatching && (
              <>
                {' '}
                <button type="button" className={styles.linkButton} onClick={p.onSelectAllMatching}>
                  Select all {p.total.toLocaleString('en')} matching
                </button>
              </>
            )}
          </>
        )}
      </p>
      <div className={styles.bulkButtons}>
        {BUTTONS.map((b) => (
          <button
            key={b.action}
            type="button"
            className={b.danger ? 'button button-danger' : 'button'}
            disabled={p.count === 0 || p.busy}
            onClick={() => p.onAction(b.action)}
          >
            {b.label}
          </button>
        ))}
      </div>
    </section>
  );
}
