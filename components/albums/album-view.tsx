'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type ReactNode, useState } from 'react';
import { GallerySkeleton } from '@/components/gallery/gallery-states';
import { SharePanel } from '@/components/sharing/share-panel';
import { LoadError } from '@/components/ui/load-error';
import { albumQueryOptions } from '@/lib/queries/albums';
import { ApiRequestError, retryServerErrors } from '@/lib/queries/images';
import type { AlbumDetailView } from '@/lib/schemas/albums';
import { AlbumGrid } from './album-grid';
import { AlbumSelectionBar } from './album-selection-bar';
import { AlbumTitle } from './album-title';
import styles from './albums.module.css';
import { DeleteAlbum } from './delete-album';

/** One album: the gallery's grid and lightbox over its images; its owner or an admin manages and shares it. */
export function AlbumView({ id }: { id: string }) {
  const query = useQuery({ ...albumQueryOptions(id), retry: retryServerErrors });
  let content: ReactNode;
  if (query.isPending) content = <GallerySkeleton />;
  else if (query.error instanceof ApiRequestError && query.error.status === 404)
    content = (
      <p className="notice" role="status">
        This album does not exist (any more). <Link href="/albums">All albums</Link>
      </p>
    );
  else if (!query.data) content = <LoadError what="album" error={query.error} onRetry={() => void query.refetch()} />;
  else content = <AlbumBody album={query.data} />;
  return (
    <div className={styles.view}>
      <p style={{ margin: 0 }}>
        <Link href="/albums">← All albums</Link>
      </p>
      {content}
    </div>
  );
}

function AlbumBody({ album }: { album: AlbumDetailView }) {
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const toggle = (imageId: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(imageId)) next.add(imageId);
      return next;
    });
  return (
    <>
      <AlbumTitle id={album.id} title={album.title} canManage={album.canManage} />
      <p className="muted" style={{ margin: 0 }}>
        {album.imageCount === 1 ? '1 image' : `${album.imageCount} images`} · by {album.owner.name}
      </p>
      {album.canManage && (
        <div className={styles.toolbar}>
          {selected ? (
            <AlbumSelectionBar albumId={album.id} selected={selected} onDone={() => setSelected(null)} />
          ) : (
            <>
              {album.images.length > 0 && (
                <button type="button" className="button" onClick={() => setSelected(new Set())}>
                  Select
                </button>
              )}
              <DeleteAlbum id={album.id} />
            </>
          )}
        </div>
      )}
      {album.images.length === 0 ? (
        <p className="notice">
          No images in this album yet.
          {album.canManage ? ' Add some from the gallery (Select) or from an image’s page.' : ''}
        </p>
      ) : (
        <AlbumGrid
          images={album.images}
          label={`Images in ${album.title}`}
          selected={selected ?? undefined}
          onToggle={selected ? toggle : undefined}
        />
      )}
      {album.canManage && (
        <div className={styles.panel}>
          <SharePanel target={{ kind: 'album', id: album.id }} allPublic={album.allPublic} />
        </div>
      )}
    </>
  );
}
