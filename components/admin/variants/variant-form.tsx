'use client';
import { useActionState, useEffect, useId, useState } from 'react';
import { type FormState, saveVariantAction } from '@/app/(gallery)/admin/variants/actions';
import { FormAlert } from '@/components/ui/form-alert';
import type { PreviewCandidate } from '@/lib/admin/variant-preview';
import type { ConsoleVariant } from '@/lib/admin/variants';
import { optionsFromVariant } from '@/lib/cloudflare-images/options';
import { planSize } from '@/lib/cloudflare-images/sizing';
import { METADATA_MODES, VARIANT_FITS } from '@/lib/cloudflare-images/variants';
import styles from './variants.module.css';

export interface VariantFormProps {
  /** The variant being edited; null: a new one. */
  editing: ConsoleVariant | null;
  /** The image chosen for the preview: the form shows live what these options make of its size. */
  image: PreviewCandidate | null;
  onSaved: (id: string) => void;
  onCancel: () => void;
}

const FIT_HINTS: Record<(typeof VARIANT_FITS)[number], string> = {
  'scale-down': 'shrinks to fit inside, never enlarges',
  contain: 'fits inside, enlarging if needed',
  cover: 'fills the box exactly, cropping the rest',
  crop: 'fills the box by cropping, never enlarges',
  pad: 'fits inside and pads to the exact box',
};

function sideOrUndefined(text: string): number | undefined {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Create a variant, or change one of the admin's own; the output size for the chosen image updates as you type. */
export function VariantForm({ editing, image, onSaved, onCancel }: VariantFormProps) {
  const id = useId();
  const [state, action, pending] = useActionState<FormState, FormData>(saveVariantAction, {});
  const [name, setName] = useState(editing?.id ?? '');
  const [fit, setFit] = useState<(typeof VARIANT_FITS)[number]>(editing?.options.fit ?? 'scale-down');
  const [width, setWidth] = useState(String(editing?.options.width ?? ''));
  const [height, setHeight] = useState(String(editing?.options.height ?? ''));

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new result of the action matters, not later typing.
  useEffect(() => {
    if (state.ok) onSaved(name);
  }, [state]);

  const w = sideOrUndefined(width);
  const h = sideOrUndefined(height);
  const output =
    image && (w || h)
      ? planSize(image.width, image.height, optionsFromVariant({ fit, width: w, height: h, metadata: 'none' }))
      : null;

  return (
    <section className={`card ${styles.panel}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles.heading}>
        {editing ? `Edit "${editing.id}"` : 'Create a variant'}
      </h2>
      <form action={action}>
        <input type="hidden" name="mode" value={editing ? 'update' : 'create'} />
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            name="id"
            className="input"
            required
            pattern="[A-Za-z0-9]+"
            maxLength={99}
            readOnly={editing !== null}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            aria-describedby={`${id}-name-hint`}
          />
          <span id={`${id}-name-hint`} className="muted">
            Letters and digits; it is the last part of the image URL.
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-fit`}>Fit</label>
          <select
            id={`${id}-fit`}
            name="fit"
            className="input"
            value={fit}
            onChange={(e) => setFit(e.currentTarget.value as (typeof VARIANT_FITS)[number])}
          >
            {VARIANT_FITS.map((f) => (
              <option key={f} value={f}>
                {f}: {FIT_HINTS[f]}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.sides}>
          <div className="field">
            <label htmlFor={`${id}-width`}>Width (px)</label>
            <input
              id={`${id}-width`}
              name="width"
              className="input"
              inputMode="numeric"
              value={width}
              onChange={(e) => setWidth(e.currentTarget.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-height`}>Height (px)</label>
            <input
              id={`${id}-height`}
              name="height"
              className="input"
              inputMode="numeric"
              value={height}
              onChange={(e) => setHeight(e.currentTarget.value)}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-metadata`}>Metadata</label>
          <select
            id={`${id}-metadata`}
            name="metadata"
            className="input"
            defaultValue={editing?.options.metadata ?? 'none'}
          >
            {METADATA_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <label className={styles.checkbox}>
          <input
            type="checkbox"
            name="neverRequireSignedURLs"
            defaultChecked={editing?.neverRequireSignedURLs ?? false}
          />{' '}
          Serve private images through this variant without a signature
        </label>
        <p className={styles.live} aria-live="polite">
          {image && output
            ? `“${image.title}” (${image.width} × ${image.height}) comes out ${output.width} × ${output.height} px.`
            : image
              ? 'Give a width or a height to see the output size.'
              : ''}
        </p>
        <FormAlert message={state.error} />
        {state.ok && (
          <p className="notice" role="status">
            {state.ok}
          </p>
        )}
        <div className={styles.formButtons}>
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? 'Saving…' : editing ? 'Save variant' : 'Create variant'}
          </button>
          {editing && (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
