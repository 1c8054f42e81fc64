'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { errorMessage } from '@/components/ui/load-error';
import { useDeleteAlbum } from '@/lib/queries/albums';

/** Deletes the album after a second click; its images stay in the library, its share links stop working. */
export function DeleteAlbum({ id }: { id: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteAlbum(id);
  if (!confirming)
    return (
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        Delete album
      </button>
    );
  return (
    <>
      <span role="alert">Delete this album? Its images stay; its share links stop working.</span>
      <button
        type="button"
        className="button button-danger"
        disabled={remove.isPending}
        onClick={() => remove.mutate(undefined, { onSuccess: () => router.push('/albums') })}
      >
        {remove.isPending ? 'Deleting…' : 'Yes, delete'}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        Keep it
      </button>
      <FormAlert message={remove.error ? errorMessage(remove.error) : null} />
    </>
  );
}
