'use client';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadError } from '@/components/ui/load-error';
import { albumsQueryOptions } from '@/lib/queries/albums';
import { retryServerErrors } from '@/lib/queries/images';
import { AlbumCard } from './album-card';
import styles from './albums.module.css';
import { CreateAlbumForm } from './create-album-form';

const SKELETONS = [1, 2, 3, 4];

/** Every album (each shows a user only the images the gallery shows them); uploaders and admins create them. */
export function AlbumsView({ canCreate }: { canCreate: boolean }) {
  const albums = useQuery({ ...albumsQueryOptions(), retry: retryServerErrors });
  let content: ReactNode;
  if (albums.isPending)
    content = (
      <div role="status" className={styles.cards}>
        <span className="sr-only">Loading albums…</span>
        {SKELETONS.map((n) => (
          <div key={n} className={`shimmer ${styles.skeleton}`} aria-hidden="true" />
        ))}
      </div>
    );
  else if (albums.isError)
    content = <LoadError what="albums" error={albums.error} onRetry={() => void albums.refetch()} />;
  else if (albums.data.length === 0)
    content = (
      <p className="notice">
        No albums yet.{' '}
        {canCreate ? 'Name one above, then add images from the gallery or an image’s page.' : 'Uploaders make them.'}
      </p>
    );
  else
    content = (
      <ul className={styles.cards} aria-label="Albums">
        {albums.data.map((album) => (
          <li key={album.id}>
            <AlbumCard album={album} />
          </li>
        ))}
      </ul>
    );
  return (
    <div className={styles.view}>
      <div className={styles.header}>
        <h1 className={styles.heading}>Albums</h1>
        {canCreate && <CreateAlbumForm />}
      </div>
      {content}
    </div>
  );
}
