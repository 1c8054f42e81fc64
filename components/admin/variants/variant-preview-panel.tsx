'use client';
import Link from 'next/link';
import { useId, useState, useTransition } from 'react';
import { previewVariantAction } from '@/app/(gallery)/admin/variants/actions';
import type { PreviewCandidate, VariantPreview } from '@/lib/admin/variant-preview';
import type { ConsoleVariant } from '@/lib/admin/variants';
import { formatBytes } from './format';
import styles from './variants.module.css';

export interface VariantPreviewPanelProps {
  variants: readonly ConsoleVariant[];
  images: readonly PreviewCandidate[];
  variant: string;
  imageId: string;
  onVariant: (id: string) => void;
  onImage: (id: string) => void;
}

/** One image in one variant beside its original, with what each format weighs. */
export function VariantPreviewPanel({
  variants,
  images,
  variant,
  imageId,
  onVariant,
  onImage,
}: VariantPreviewPanelProps) {
  const id = useId();
  const [preview, setPreview] = useState<VariantPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const show = () =>
    startTransition(async () => {
      setError(null);
      const result = await previewVariantAction(variant, imageId);
      if ('error' in result) {
        setPreview(null);
        setError(result.error);
      } else {
        setPreview(result);
      }
    });

  return (
    <section className={`card ${styles.panel}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles.heading}>
        Preview
      </h2>
      {images.length === 0 ? (
        <p className="muted">
          There is no image to preview with yet. <Link href="/upload">Upload one</Link>, then come back.
        </p>
      ) : (
        <>
          <div className={styles.sides}>
            <div className="field">
              <label htmlFor={`${id}-variant`}>Variant</label>
              <select
                id={`${id}-variant`}
                className="input"
                value={variant}
                onChange={(e) => onVariant(e.currentTarget.value)}
              >
                {variants.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.id}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-image`}>Image</label>
              <select
                id={`${id}-image`}
                className="input"
                value={imageId}
                onChange={(e) => onImage(e.currentTarget.value)}
              >
                {images.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.title}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="button" className="button button-primary" onClick={show} disabled={pending}>
            {pending ? 'Rendering…' : 'Show preview'}
          </button>
          <p className="muted">Each preview fetches the variant three times (one per format): three deliveries.</p>
        </>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {preview && <PreviewResult preview={preview} />}
    </section>
  );
}

function PreviewResult({ preview }: { preview: VariantPreview }) {
  const { image, output } = preview;
  return (
    <div className={styles.result} data-testid="variant-preview">
      <div className={styles.compare}>
        <figure>
          <img src={preview.originalUrl} alt={`${image.title}, original`} width={image.width} height={image.height} />
          <figcaption>
            Original {image.width} × {image.height}
            {image.bytes !== null ? `, ${formatBytes(image.bytes)}` : ''}
          </figcaption>
        </figure>
        <figure>
          <img
            src={preview.variantUrl}
            alt={`${image.title} in ${preview.variant}`}
            width={output.width}
            height={output.height}
          />
          <figcaption>
            {preview.variant}: {output.width} × {output.height}
          </figcaption>
        </figure>
      </div>
      <table className={styles.sizes}>
        <caption>What a browser receives, by the formats it accepts</caption>
        <thead>
          <tr>
            <th scope="col">Browser accepts</th>
            <th scope="col">Sent as</th>
            <th scope="col" className={styles.numeric}>
              Size
            </th>
          </tr>
        </thead>
        <tbody>
          {preview.sizes.map((s) => (
            <tr key={s.label} data-format={s.label}>
              <th scope="row">{s.label}</th>
              <td>{s.contentType ?? '—'}</td>
              <td className={styles.numeric}>{s.bytes !== null ? formatBytes(s.bytes) : (s.problem ?? '—')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
