'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { errorMessage } from '@/components/ui/load-error';
import { useCreateAlbum } from '@/lib/queries/albums';
import styles from './albums.module.css';

/** Names a new album and opens it. */
export function CreateAlbumForm() {
  const router = useRouter();
  const [title, setTitle] = useState('');
  const create = useCreateAlbum();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(title, { onSuccess: (album) => router.push(`/albums/${encodeURIComponent(album.id)}`) });
  };
  return (
    <form onSubmit={submit} className={styles.createForm} aria-label="New album">
      <label htmlFor="new-album" className="sr-only">
        Album name
      </label>
      <input
        id="new-album"
        className="input"
        placeholder="New album name"
        required
        maxLength={120}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create album'}
      </button>
      <FormAlert message={create.error ? errorMessage(create.error) : null} />
    </form>
  );
}
