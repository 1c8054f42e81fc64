'use client';
import { FormAlert } from '@/components/ui/form-alert';
import { errorMessage } from '@/components/ui/load-error';
import { useAlbumImages, useUpdateAlbum } from '@/lib/queries/albums';
import styles from './albums.module.css';

export interface AlbumSelectionBarProps {
  albumId: string;
  selected: ReadonlySet<string>;
  onDone: () => void;
}

/** In an album's select mode: remove the chosen images from it (they stay in the library), or make one the cover. */
export function AlbumSelectionBar({ albumId, selected, onDone }: AlbumSelectionBarProps) {
  const images = useAlbumImages();
  const update = useUpdateAlbum(albumId);
  const ids = [...selected];
  const [only] = ids;
  const error = images.error ?? update.error;
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Selected images">
      <span>{ids.length === 1 ? '1 selected' : `${ids.length} selected`}</span>
      <button
        type="button"
        className="button button-danger"
        disabled={ids.length === 0 || images.isPending}
        onClick={() => images.mutate({ albumId, imageIds: ids, remove: true }, { onSuccess: onDone })}
      >
        Remove from album
      </button>
      <button
        type="button"
        className="button"
        disabled={ids.length !== 1 || update.isPending}
        title="Choose exactly one image"
        onClick={() => only && update.mutate({ coverImageId: only }, { onSuccess: onDone })}
      >
        Make cover
      </button>
      <button type="button" className="button" onClick={onDone}>
        Done
      </button>
      <FormAlert message={error ? errorMessage(error) : null} />
    </div>
  );
}
