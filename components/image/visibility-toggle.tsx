'use client';
import { useId, useState } from 'react';
import { CopyField } from '@/components/ui/copy-field';
import { FormAlert } from '@/components/ui/form-alert';
import { useUpdateImage } from '@/lib/queries/image-mutations';
import { ApiRequestError } from '@/lib/queries/images';
import type { ImageDetail } from '@/lib/schemas/api';
import styles from './image-detail.module.css';

export function VisibilityToggle({ image }: { image: ImageDetail }) {
  const update = useUpdateImage(image.id);
  const id = useId();
  // The switch shows the requested state while the server works on it; an error puts it back.
  const [requested, setRequested] = useState<boolean | null>(null);
  const checked = requested ?? image.private;

  const change = (next: boolean) => {
    if (update.isPending) return; // ignored rather than disabled, so keyboard focus stays on the switch
    setRequested(next);
    update.mutate({ private: next }, { onSettled: () => setRequested(null) });
  };
  const error =
    update.error instanceof ApiRequestError
      ? update.error.message
      : update.error
        ? 'The change could not be saved. Try again.'
        : null;

  return (
    <section className={styles.section} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className={styles.sectionTitle}>
        Visibility
      </h2>
      <label className={styles.switch}>
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={`${id}-hint`}
          onChange={(e) => change(e.target.checked)}
        />
        <span>Private: only signed links work</span>
      </label>
      <p id={`${id}-hint`} className={`muted ${styles.hint}`}>
        {update.isPending
          ? 'Saving…'
          : checked
            ? 'Only time-limited signed links show this image.'
            : 'Anyone with the permanent public link can see this image.'}
      </p>
      <FormAlert message={error} />
      {!checked && image.publicUrl && (
        <CopyField label="Public link" value={image.publicUrl} copyLabel="Copy public link" />
      )}
    </section>
  );
}
