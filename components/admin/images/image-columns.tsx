import Link from 'next/link';
import type { Column } from '@/components/admin/ui/data-table';
import type { AdminImageRow, AdminImageSort } from '@/lib/schemas/admin-images';
import { formatBytes, formatDimensions } from '@/lib/ui/format';
import styles from './admin-images.module.css';
import { formatUtc, ownerName } from './format';

export interface SortState {
  sort: AdminImageSort;
  dir: 'asc' | 'desc';
  /** The URL that sorts by `sort` (the other direction when it is the current sort). */
  href: (sort: AdminImageSort, dir: 'asc' | 'desc') => string;
}

function SortHeader({ label, sort, state }: { label: string; sort: AdminImageSort; state: SortState }) {
  const active = state.sort === sort;
  const next = active && state.dir === 'desc' ? 'asc' : 'desc';
  return (
    <Link href={state.href(sort, next)} className={styles.sortLink}>
      {label}
      <span aria-hidden="true">{active ? (state.dir === 'desc' ? ' ↓' : ' ↑') : ''}</span>
    </Link>
  );
}

const sorted = (state: SortState, sort: AdminImageSort) =>
  state.sort === sort ? (state.dir === 'desc' ? 'descending' : 'ascending') : undefined;

/** The image table's columns; `onEdit` opens the edit dialog for a row. */
export function imageColumns(
  sort: SortState,
  deliveriesAvailable: boolean,
  onEdit: (row: AdminImageRow) => void,
): Column<AdminImageRow>[] {
  return [
    {
      key: 'image',
      header: 'Image',
      label: '',
      cell: (r) => (
        <div className={styles.imageCell}>
          {r.thumbnailUrl ? (
            <img className={styles.thumb} src={r.thumbnailUrl} alt="" width={56} height={56} loading="lazy" />
          ) : (
            <span className={styles.thumb} aria-hidden="true" />
          )}
          <span className={styles.names}>
            <Link href={`/images/${r.id}`} className={styles.title}>
              {r.title}
            </Link>
            <span className={styles.filename}>{r.filename}</span>
            {r.status === 'pending' && <span className={styles.pending}>Upload pending</span>}
          </span>
        </div>
      ),
    },
    { key: 'owner', header: 'Owner', cell: (r) => <span title={r.owner.email}>{ownerName(r.owner)}</span> },
    {
      key: 'size',
      header: <SortHeader label="Size" sort="size" state={sort} />,
      label: 'Size',
      numeric: true,
      sorted: sorted(sort, 'size'),
      cell: (r) => (r.bytes === null ? '—' : formatBytes(r.bytes)),
    },
    {
      key: 'dimensions',
      header: 'Dimensions',
      cell: (r) => (r.width && r.height ? formatDimensions(r.width, r.height) : '—'),
    },
    {
      key: 'uploaded',
      header: <SortHeader label="Uploaded (UTC)" sort="date" state={sort} />,
      label: 'Uploaded',
      sorted: sorted(sort, 'date'),
      cell: (r) => <time dateTime={r.createdAt}>{formatUtc(r.createdAt)}</time>,
    },
    {
      key: 'visibility',
      header: 'Visibility',
      cell: (r) => (
        <span className={r.private ? styles.private : styles.public}>{r.private ? 'Private' : 'Public'}</span>
      ),
    },
    {
      key: 'deliveries',
      header: deliveriesAvailable ? (
        <SortHeader label="Deliveries (30 d)" sort="deliveries" state={sort} />
      ) : (
        'Deliveries (30 d)'
      ),
      label: 'Deliveries',
      numeric: true,
      sorted: sorted(sort, 'deliveries'),
      cell: (r) =>
        r.deliveries === null ? (
          <span title="Delivery counts are not available on this image backend.">—</span>
        ) : (
          r.deliveries.toLocaleString('en')
        ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      label: '',
      cell: (r) => (
        <button type="button" className="button" aria-label={`Edit ${r.title}`} onClick={() => onEdit(r)}>
          Edit
        </button>
      ),
    },
  ];
}
