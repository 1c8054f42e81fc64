import Link from 'next/link';
import type { DuplicateGroup } from '@/lib/db/duplicates';
import styles from './duplicates.module.css';

export interface DuplicateGroupsProps {
  groups: DuplicateGroup[];
}

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** One card per content hash: each copy with its owner and upload time (UTC), linked to its page. */
export function DuplicateGroups({ groups }: DuplicateGroupsProps) {
  if (groups.length === 0) return <p className="notice">No duplicates: every image in the library is unique.</p>;
  return (
    <ul className={styles.groups}>
      {groups.map((group) => (
        <li key={group.hash} className={`card ${styles.group}`}>
          <p className={`muted ${styles.hash}`}>
            {group.images.length} copies · SHA-256 <code>{group.hash.slice(0, 16)}…</code>
          </p>
          <ul className={styles.copies}>
            {group.images.map((image) => (
              <li key={image.id}>
                <Link href={`/images/${encodeURIComponent(image.id)}`}>{image.title}</Link>{' '}
                <span className="muted">
                  by {image.ownerName}, {when(image.createdAt)} UTC
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
