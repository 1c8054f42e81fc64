'use client';
import { type FormEvent, useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { errorMessage } from '@/components/ui/load-error';
import { useUpdateAlbum } from '@/lib/queries/albums';
import styles from './albums.module.css';

/** The album's name, renamed in place by its owner or an admin. */
export function AlbumTitle({ id, title, canManage }: { id: string; title: string; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(title);
  const update = useUpdateAlbum(id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ title: text }, { onSuccess: () => setEditing(false) });
  };
  if (!editing)
    return (
      <div className={styles.header}>
        <h1 className={styles.heading}>{title}</h1>
        {canManage && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setText(title);
              setEditing(true);
            }}
          >
            Rename
          </button>
        )}
      </div>
    );
  return (
    <form onSubmit={submit} className={styles.createForm} aria-label="Rename album">
      <label htmlFor="album-title" className="sr-only">
        Album name
      </label>
      <input
        id="album-title"
        className="input"
        required
        maxLength={120}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={update.isPending}>
        Save
      </button>
      <button type="button" className="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      <FormAlert message={update.error ? errorMessage(update.error) : null} />
    </form>
  );
}
