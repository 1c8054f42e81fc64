'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useId, useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { errorMessage } from '@/components/ui/load-error';
import { albumsQueryOptions, useAlbumImages } from '@/lib/queries/albums';
import styles from './gallery-toolbar.module.css';

export interface Selection {
  /** Null outside select mode. */
  selected: ReadonlySet<string> | null;
  start: () => void;
  stop: () => void;
  toggle: (id: string) => void;
}

/** The gallery's select mode: which tiles are chosen. */
export function useSelection(): Selection {
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const toggle = useCallback(
    (id: string) =>
      setSelected((prev) => {
        const next = new Set(prev);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  return { selected, start: () => setSelected(new Set()), stop: () => setSelected(null), toggle };
}

/** "Select", then "Add N to album…": your own images go into one of the albums you may change. */
export function SelectionBar({ selection }: { selection: Selection }) {
  const id = useId();
  const albums = useQuery({ ...albumsQueryOptions(), enabled: selection.selected !== null });
  const add = useAlbumImages();
  const [albumId, setAlbumId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const mine = albums.data?.filter((a) => a.canManage) ?? [];
  const chosen = albumId || mine[0]?.id || '';

  if (!selection.selected)
    return (
      <div className={styles.selectRow}>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDone(null);
            selection.start();
          }}
        >
          Select
        </button>
        {done && (
          <p role="status" className="muted">
            {done}
          </p>
        )}
      </div>
    );

  const ids = [...selection.selected];
  const submit = () =>
    add.mutate(
      { albumId: chosen, imageIds: ids },
      {
        onSuccess: () => {
          const title = mine.find((a) => a.id === chosen)?.title ?? 'the album';
          setDone(`${ids.length === 1 ? '1 image' : `${ids.length} images`} added to “${title}”.`);
          selection.stop();
        },
      },
    );
  return (
    <div className={styles.selectRow} role="toolbar" aria-label="Selected images">
      <span>{ids.length === 1 ? '1 selected' : `${ids.length} selected`}</span>
      {albums.isPending ? (
        <span className="muted">Loading albums…</span>
      ) : mine.length === 0 ? (
        <span className="muted">
          No albums of yours yet: <Link href="/albums">create one</Link>.
        </span>
      ) : (
        <>
          <label htmlFor={`${id}-album`} className="sr-only">
            Album
          </label>
          <select id={`${id}-album`} className="input" value={chosen} onChange={(e) => setAlbumId(e.target.value)}>
            {mine.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-primary"
            disabled={ids.length === 0 || !chosen || add.isPending}
            onClick={submit}
          >
            Add to album
          </button>
        </>
      )}
      <button type="button" className="button" onClick={selection.stop}>
        Cancel
      </button>
      <FormAlert message={add.error ? errorMessage(add.error) : albums.error ? errorMessage(albums.error) : null} />
    </div>
  );
}
