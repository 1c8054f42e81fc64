'use client';
import { type Column, DataTable } from '@/components/admin/ui/data-table';
import { actionLabel } from './action-labels';
import styles from './audit.module.css';
import { detailText } from './detail-text';

/** One entry as the page hands it over (plain data). */
export interface AuditRow {
  id: string;
  /** ISO time. */
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  targetLabel: string | null;
  ip: string | null;
  detail: string | null;
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

const COLUMNS: Column<AuditRow>[] = [
  {
    key: 'at',
    header: 'When (UTC)',
    label: 'When',
    cell: (e) => (
      <time dateTime={e.at} className={styles.nowrap}>
        {utc(e.at)}
      </time>
    ),
  },
  {
    key: 'who',
    header: 'Who',
    // No actor: the users CLI, the app itself, or a visitor who was not signed in (failed sign-ins).
    cell: (e) =>
      e.actor ? <span className={styles.wrap}>{e.actor}</span> : <span className="muted">Not signed in</span>,
  },
  {
    key: 'what',
    header: 'What',
    cell: (e) => (
      <span className={styles.action} title={e.action}>
        {actionLabel(e.action)}
      </span>
    ),
  },
  {
    key: 'target',
    header: 'Target',
    cell: (e) => <span className={styles.target}>{e.targetLabel ?? e.target ?? '—'}</span>,
  },
  { key: 'ip', header: 'IP', cell: (e) => e.ip ?? <span className="muted">—</span> },
  {
    key: 'detail',
    header: 'Details',
    cell: (e) => <span className={styles.detail}>{detailText(e.detail)}</span>,
  },
];

export function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  return (
    <DataTable caption="Audit log" rows={rows} columns={COLUMNS} rowProps={(e) => ({ 'data-action': e.action })} />
  );
}
