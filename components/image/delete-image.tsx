'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { useDeleteImage } from '@/lib/queries/image-mutations';
import { ApiRequestError } from '@/lib/queries/images';
import styles from './image-detail.module.css';

export interface DeleteImageProps {
  id: string;
  onDeleted: () => void;
}

/** Two steps in the page itself (no window.confirm): the question is read out and focus lands on the safe choice. */
export function DeleteImage({ id, onDeleted }: DeleteImageProps) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteImage(id);
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) deleteRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <button
        ref={deleteRef}
        type="button"
        className="button button-danger"
        onClick={() => {
          remove.reset();
          setConfirming(true);
        }}
      >
        Delete
      </button>
    );
  }

  const error =
    remove.error instanceof ApiRequestError
      ? remove.error.message
      : remove.error
        ? 'The image could not be moved to the trash. Try again.'
        : null;
  return (
    <fieldset className={styles.confirm} aria-labelledby={questionId}>
      <p id={questionId} className={styles.confirmQuestion}>
        Move this image to the trash? You can restore it from the trash for 30 days.
      </p>
      <FormAlert message={error} />
      <div className={styles.buttons}>
        <button
          type="button"
          className={`button ${styles.dangerSolid}`}
          disabled={remove.isPending}
          onClick={() => remove.mutate(undefined, { onSuccess: onDeleted })}
        >
          {remove.isPending ? 'Moving…' : 'Move to trash'}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button"
          onClick={() => setConfirming(false)}
          disabled={remove.isPending}
        >
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
