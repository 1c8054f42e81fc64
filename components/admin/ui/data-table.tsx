'use client';
import type { ReactNode } from 'react';
import styles from './admin-ui.module.css';
import type { RowSelection } from './use-row-selection';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Shown before the value when rows become cards on phones; defaults to `header` when it is text; '' for none. */
  label?: string;
  /** Right-aligned numbers. */
  numeric?: boolean;
  /** Set on the column the rows are sorted by. */
  sorted?: 'ascending' | 'descending';
}

export interface DataTableProps<Row extends { id: string }> {
  /** Names the table for screen readers. */
  caption: string;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  /** Checkboxes with shift-click ranges; `rowLabel` names each row's box ("Select sunset.jpg"). */
  selection?: { rows: RowSelection; rowLabel: (row: Row) => string };
  /** Extra attributes per row (tests find rows by `data-*`). */
  rowProps?: (row: Row) => Record<`data-${string}`, string>;
}

/** The console's table: a real `<table>` on wide screens, one card per row on phones. */
export function DataTable<Row extends { id: string }>({
  caption,
  rows,
  columns,
  selection,
  rowProps,
}: DataTableProps<Row>) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className={styles.check}>
                <input
                  type="checkbox"
                  aria-label="Select all rows on this page"
                  checked={selection.rows.header === 'all'}
                  ref={(box) => {
                    if (box) box.indeterminate = selection.rows.header === 'some';
                  }}
                  onChange={() => selection.rows.toggleAll()}
                />
              </th>
            )}
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? styles.numeric : undefined} aria-sort={c.sorted}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const selected = selection?.rows.selected.has(row.id) ?? false;
            return (
              <tr key={row.id} aria-selected={selection ? selected : undefined} {...rowProps?.(row)}>
                {selection && (
                  <td className={styles.check}>
                    <input
                      type="checkbox"
                      aria-label={selection.rowLabel(row)}
                      checked={selected}
                      // onClick, not onChange: only the mouse event says whether shift was held.
                      readOnly
                      onClick={(e) =>
                        selection.rows.click({ id: row.id, checked: e.currentTarget.checked, shiftKey: e.shiftKey })
                      }
                    />
                  </td>
                )}
                {columns.map((c) => (
                  <td
                    key={c.key}
                    className={c.numeric ? styles.numeric : undefined}
                    data-label={(c.label ?? (typeof c.header === 'string' ? c.header : '')) || undefined}
                  >
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
