'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useId } from 'react';
import { LoadError } from '@/components/ui/load-error';
import { sharesQueryOptions } from '@/lib/queries/shares';
import { ShareForm } from './share-form';
import { ShareLinkList } from './share-link-list';
import styles from './sharing.module.css';

export interface SharePanelProps {
  target: { kind: 'image' | 'album'; id: string };
  /** Every image shared is public (a link may then never expire). */
  allPublic: boolean;
}

/** An image's or album's share links: create one, see every link to it with its views, revoke. */
export function SharePanel({ target, allPublic }: SharePanelProps) {
  const id = useId();
  const filter = target.kind === 'image' ? { imageId: target.id } : { albumId: target.id };
  const links = useQuery(sharesQueryOptions(filter));
  return (
    <section className={styles.section} aria-labelledby={`${id}-h`} data-testid="share-panel">
      <h2 id={`${id}-h`} className={styles.sectionTitle}>
        Share
      </h2>
      <p className={`muted ${styles.meta}`}>
        Anyone with the link can see {target.kind === 'image' ? 'this image' : 'this album'}, signed in or not, until it
        expires or you revoke it. All your links: <Link href="/links">My links</Link>.
      </p>
      <ShareForm target={target} allowForever={allPublic} />
      {links.isPending ? (
        <p className="muted">Loading links…</p>
      ) : links.isError ? (
        <LoadError what="share links" error={links.error} onRetry={() => void links.refetch()} />
      ) : links.data.length === 0 ? (
        <p className="muted">No share links yet.</p>
      ) : (
        <ShareLinkList links={links.data} showCreator />
      )}
    </section>
  );
}
