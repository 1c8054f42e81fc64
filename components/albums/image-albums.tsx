'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState } from 'react';
import sharing from '@/components/sharing/sharing.module.css';
import { FormAlert } from '@/components/ui/form-alert';
import { errorMessage, LoadError } from '@/components/ui/load-error';
import { albumsQueryOptions, useAlbumImages } from '@/lib/queries/albums';
import styles from './albums.module.css';

/** On an image's page: tick the albums (that you may change) it should be in. */
export function ImageAlbums({ imageId }: { imageId: string }) {
  const id = useId();
  const albums = useQuery(albumsQueryOptions(imageId));
  const change = useAlbumImages();
  // The box follows the click at once; a refused change puts it back.
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const toggle = (albumId: string, checked: boolean) => {
    setChosen((prev) => ({ ...prev, [albumId]: checked }));
    change.mutate(
      { albumId, imageIds: [imageId], remove: !checked },
      { onError: () => setChosen((prev) => ({ ...prev, [albumId]: !checked })) },
    );
  };
  const mine = albums.data?.filter((a) => a.canManage) ?? [];
  return (
    <section className={sharing.section} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className={sharing.sectionTitle}>
        Albums
      </h2>
      {albums.isPending ? (
        <p className="muted">Loading albums…</p>
      ) : albums.isError ? (
        <LoadError what="albums" error={albums.error} onRetry={() => void albums.refetch()} />
      ) : mine.length === 0 ? (
        <p className="muted">
          No albums of yours yet. <Link href="/albums">Create one</Link>.
        </p>
      ) : (
        <div className={styles.picker}>
          {mine.map((album) => (
            <label key={album.id}>
              <input
                type="checkbox"
                checked={chosen[album.id] ?? album.hasImage ?? false}
                onChange={(e) => toggle(album.id, e.currentTarget.checked)}
              />
              {album.title}
            </label>
          ))}
        </div>
      )}
      <FormAlert message={change.error ? errorMessage(change.error) : null} />
    </section>
  );
}
