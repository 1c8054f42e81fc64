'use client';
import Link from 'next/link';
import { useState } from 'react';
import styles from './upload-dropzone.module.css';
import { canCancel, canRetry, formatSize, type UploadItem } from './upload-queue';

export interface UploadRowProps {
  item: UploadItem;
  onCancel: (key: string) => void;
  onRetry: (key: string) => void;
  onRemove: (key: string) => void;
  /** After a duplicate warning: send it all the same. */
  onUploadAnyway: (key: string) => void;
}

function percent(loaded: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
}

function StatusText({ item }: { item: UploadItem }) {
  const { status } = item;
  switch (status.kind) {
    case 'waiting':
      return <span>Waiting</span>;
    case 'uploading':
      return <span>Uploading {percent(status.loaded, status.total)}%</span>;
    case 'processing':
      return (
        <span className={styles.processing}>
          <span className={`spinner ${styles.spinner}`} aria-hidden="true" />
          Processing
        </span>
      );
    case 'done':
      if (status.delayed || !item.recordId)
        return <span className={styles.ok}>Uploaded; it will appear in the gallery shortly.</span>;
      return (
        <span>
          <span className={styles.ok}>Done</span>
          {' · '}
          {/* A text link, not a button: done rows then need no action column (shorter rows on phones). */}
          <Link href={`/images/${encodeURIComponent(item.recordId)}`}>
            View<span className="sr-only"> {item.file.name}</span>
          </Link>
        </span>
      );
    case 'retrying':
      // No countdown: the row would re-render every second for a number nobody needs to act on.
      return <span>Will retry automatically ({status.message})</span>;
    case 'failed':
      return <span className={styles.error}>Failed: {status.message}</span>;
    case 'cancelled':
      return <span>Cancelled</span>;
    case 'refused':
      return <span className={styles.error}>{status.message}</span>;
    case 'duplicate':
      return (
        <span className={styles.duplicate}>
          Already in your library:{' '}
          <Link href={`/images/${encodeURIComponent(status.match.id)}`} target="_blank">
            {status.match.title}
          </Link>
        </span>
      );
  }
}

/** One file: thumbnail, name, size, status, and the one or two actions that make sense right now. */
export function UploadRow({ item, onCancel, onRetry, onRemove, onUploadAnyway }: UploadRowProps) {
  const { file, status } = item;
  // A file with an image extension may still not decode (the service will say why); no broken icon meanwhile.
  const [previewBroken, setPreviewBroken] = useState(false);
  // The visible label stays short; the filename (hidden) tells screen reader users which file it acts on.
  const which = <span className="sr-only"> {file.name}</span>;
  return (
    <li className={styles.row} data-status={status.kind}>
      {item.previewUrl && !previewBroken ? (
        // next/image cannot optimise a blob: URL; a plain img is right here.
        <img
          className={styles.thumb}
          src={item.previewUrl}
          alt=""
          width={48}
          height={48}
          decoding="async"
          loading="lazy"
          onError={() => setPreviewBroken(true)}
        />
      ) : (
        <span className={`${styles.thumb} ${styles.noThumb}`} aria-hidden="true" />
      )}
      <div className={styles.info}>
        <span className={styles.name} title={file.name}>
          {file.name}
        </span>
        <span className={styles.meta}>
          <span className={styles.size}>{formatSize(file.size)}</span>
          <StatusText item={item} />
        </span>
      </div>
      <div className={styles.actions}>
        {canCancel(status) && (
          <button type="button" className="button" onClick={() => onCancel(item.key)}>
            Cancel{which}
          </button>
        )}
        {canRetry(status) && (
          <button type="button" className="button" onClick={() => onRetry(item.key)}>
            Retry{which}
          </button>
        )}
        {status.kind === 'duplicate' && (
          <>
            <button type="button" className="button" onClick={() => onRemove(item.key)}>
              Skip{which}
            </button>
            <button type="button" className="button" onClick={() => onUploadAnyway(item.key)}>
              Upload anyway{which}
            </button>
          </>
        )}
        {(canRetry(status) || status.kind === 'refused') && (
          <button type="button" className="button button-danger" onClick={() => onRemove(item.key)}>
            Remove{which}
          </button>
        )}
      </div>
      {status.kind === 'uploading' && (
        // The percentage is in the status text above; the bar is the same number for the eye.
        <progress
          className={styles.progress}
          value={status.loaded}
          max={Math.max(status.total, 1)}
          aria-label={`Uploading ${file.name}`}
        />
      )}
    </li>
  );
}
