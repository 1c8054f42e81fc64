'use client';
import { type FormEvent, useId, useState } from 'react';
import { useUpdateImage } from '@/lib/queries/image-mutations';
import { ApiRequestError } from '@/lib/queries/images';
import type { ImageDetail } from '@/lib/schemas/api';
import { captionSchema, tagsSchema } from '@/lib/schemas/image-text';
import styles from './image-detail.module.css';
import { TagChips } from './tag-chips';

/** Tags as typed: separated by commas or spaces (a multi-word tag is typed with `-`). */
const splitTags = (text: string) => text.split(/[,\s]+/).filter((t) => t !== '');

/** The caption and tags of an image for everyone; an editor for its owner and admins. */
export function CaptionTagsEditor({ image }: { image: ImageDetail }) {
  const [editing, setEditing] = useState(false);
  const [caption, setCaption] = useState(image.caption);
  const [tags, setTags] = useState(image.tags.join(', '));
  const [invalid, setInvalid] = useState<string | null>(null);
  const update = useUpdateImage(image.id);
  const id = useId();

  const start = () => {
    setCaption(image.caption);
    setTags(image.tags.join(', '));
    setInvalid(null);
    update.reset();
    setEditing(true);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsedCaption = captionSchema.safeParse(caption);
    const parsedTags = tagsSchema.safeParse(splitTags(tags));
    const problem = parsedCaption.error?.issues[0]?.message ?? parsedTags.error?.issues[0]?.message;
    if (problem || !parsedCaption.success || !parsedTags.success) return setInvalid(problem ?? 'Check the tags.');
    setInvalid(null);
    update.mutate({ caption: parsedCaption.data, tags: parsedTags.data }, { onSuccess: () => setEditing(false) });
  };

  if (!editing) {
    return (
      <section className={styles.section} aria-label="Caption and tags">
        {image.caption ? (
          <p className={styles.caption}>{image.caption}</p>
        ) : (
          image.canManage && <p className="muted">No caption yet.</p>
        )}
        <TagChips tags={image.tags} />
        {image.canManage && (
          <div className={styles.buttons}>
            <button type="button" className="button" onClick={start}>
              {image.caption || image.tags.length ? 'Edit caption and tags' : 'Add caption and tags'}
            </button>
          </div>
        )}
      </section>
    );
  }

  const error =
    invalid ??
    (update.error instanceof ApiRequestError
      ? update.error.message
      : update.error
        ? 'The caption and tags could not be saved. Try again.'
        : null);
  return (
    <form className={styles.section} onSubmit={submit} noValidate aria-label="Edit caption and tags">
      <div className="field">
        <label htmlFor={`${id}-caption`}>Caption</label>
        <textarea
          id={`${id}-caption`}
          className="input"
          rows={3}
          maxLength={2000}
          value={caption}
          onChange={(e) => setCaption(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input
          id={`${id}-tags`}
          className="input"
          value={tags}
          placeholder="harbour, dusk, team-offsite"
          aria-describedby={`${id}-tags-hint`}
          onChange={(e) => setTags(e.target.value)}
        />
        <p id={`${id}-tags-hint`} className="muted">
          Separate tags with commas; up to 20, each up to 32 letters, digits, “-” or “_”.
        </p>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className={styles.buttons}>
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
