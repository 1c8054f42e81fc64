'use client';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import styles from '@/components/albums/albums.module.css';
import { LoadError } from '@/components/ui/load-error';
import { retryServerErrors } from '@/lib/queries/images';
import { sharesQueryOptions } from '@/lib/queries/shares';
import { ShareLinkList } from './share-link-list';

/** "My links": every share link you made (admins: everyone's), with views, dates and Revoke. */
export function LinksView({ isAdmin }: { isAdmin: boolean }) {
  const links = useQuery({ ...sharesQueryOptions({}), retry: retryServerErrors });
  let content: ReactNode;
  if (links.isPending)
    content = (
      <p role="status" className="muted">
        Loading links…
      </p>
    );
  else if (links.isError)
    content = <LoadError what="share links" error={links.error} onRetry={() => void links.refetch()} />;
  else if (links.data.length === 0)
    content = <p className="notice">No share links yet. Share an image or an album from its page.</p>;
  else content = <ShareLinkList links={links.data} showTarget showCreator={isAdmin} />;
  return (
    <div className={styles.view}>
      <h1 className={styles.heading}>{isAdmin ? 'Share links' : 'My links'}</h1>
      <p className="muted" style={{ margin: 0 }}>
        {isAdmin ? 'Every share link, whoever made it.' : 'The share links you made.'} A revoked link stops working at
        once; images already open in a visitor’s browser stay visible for up to an hour.
      </p>
      {content}
    </div>
  );
}
