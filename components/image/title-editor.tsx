'use client';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useUpdateImage } from '@/lib/queries/image-mutations';
import { ApiRequestError } from '@/lib/queries/images';
import type { ImageDetail } from '@/lib/schemas/api';
import styles from './image-detail.module.css';

export function TitleEditor({ image }: { image: ImageDetail }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(image.title);
  const [invalid, setInvalid] = useState<string | null>(null);
  const update = useUpdateImage(image.id);
  const inputId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  // Leaving the form puts focus back on the button that opened it, not on <body>.
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  const start = () => {
    setDraft(image.title);
    setInvalid(null);
    update.reset();
    setEditing(true);
  };
  const stop = () => {
    returnFocus.current = true;
    setEditing(false);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const title = draft.trim();
    if (!title) return setInvalid('The title cannot be empty.');
    if (title === image.title) return stop();
    setInvalid(null);
    update.mutate({ title }, { onSuccess: stop });
  };

  if (!editing) {
    return (
      <div className={styles.titleRow}>
        <h1 className={styles.title}>{image.title}</h1>
        {image.canManage && (
          <button ref={editButton} type="button" className="button" onClick={start}>
            Edit title
          </button>
        )}
      </div>
    );
  }

  const error =
    invalid ??
    (update.error instanceof ApiRequestError
      ? update.error.message
      : update.error
        ? 'The title could not be saved. Try again.'
        : null);
  return (
    <>
      <h1 className="sr-only">{image.title}</h1>
      <form className={styles.titleForm} onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={inputId}>Title</label>
          <input
            id={inputId}
            className="input"
            value={draft}
            maxLength={200}
            // biome-ignore lint/a11y/noAutofocus: the user just pressed Edit title; focus moves into the field that replaced the button
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && stop()}
          />
        </div>
        {error && (
          <p id={`${inputId}-error`} className="alert" role="alert">
            {error}
          </p>
        )}
        <div className={styles.buttons}>
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button" onClick={stop}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
