'use client';
import { type FormEvent, useId, useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { PUBLIC_VARIANT } from '@/lib/cloudflare-images/variants';
import { type SignedLink, useCreateSignedLink } from '@/lib/queries/image-mutations';
import { ApiRequestError } from '@/lib/queries/images';
import type { ImageDetail } from '@/lib/schemas/api';
import type { AppVariant } from '@/lib/schemas/variant';
import { copyText } from '@/lib/ui/clipboard';
import { formatDateTime } from '@/lib/ui/format';
import styles from './image-detail.module.css';

const LIFETIMES = [
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 7 * 86_400, label: '7 days' },
] as const;

function variantOptions(image: ImageDetail): { value: AppVariant; label: string }[] {
  return [
    { value: 'thumbnail', label: `Thumbnail (${image.widths.thumbnail} px wide)` },
    { value: 'mobile', label: `Mobile (${image.widths.mobile} px wide)` },
    { value: 'desktop', label: `Desktop (${image.widths.desktop} px wide)` },
    { value: 'public', label: `Public (fits ${PUBLIC_VARIANT.options.width} × ${PUBLIC_VARIANT.options.height})` },
  ];
}

type Result = { link: SignedLink; copied: boolean };

export function SignedLinkForm({ image }: { image: ImageDetail }) {
  const id = useId();
  const [variant, setVariant] = useState<AppVariant>('desktop');
  const [ttl, setTtl] = useState<number>(LIFETIMES[0].seconds);
  const [result, setResult] = useState<Result | null>(null);
  const create = useCreateSignedLink(image.id);
  const options = variantOptions(image);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    create.mutate(
      { variant, ttlSeconds: ttl },
      // Some browsers only allow the write shortly after the click; if it is refused, the link is shown instead.
      { onSuccess: async (link) => setResult({ link, copied: await copyText(link.url) }) },
    );
  };

  const error =
    create.error instanceof ApiRequestError
      ? create.error.message
      : create.error
        ? 'The link could not be created. Try again.'
        : null;
  const until = result ? formatDateTime(result.link.expiresAt) : '';

  return (
    <section className={styles.section} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className={styles.sectionTitle}>
        Share a signed link
      </h2>
      <form onSubmit={submit} className={styles.linkForm}>
        <div className={styles.linkFields}>
          <div className="field">
            <label htmlFor={`${id}-variant`}>Variant</label>
            <select
              id={`${id}-variant`}
              className="input"
              value={variant}
              onChange={(e) => {
                const chosen = options.find((o) => o.value === e.target.value);
                if (chosen) setVariant(chosen.value);
                setResult(null);
              }}
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-ttl`}>Link lifetime</label>
            <select
              id={`${id}-ttl`}
              className="input"
              value={ttl}
              onChange={(e) => {
                setTtl(Number(e.target.value));
                setResult(null);
              }}
            >
              {LIFETIMES.map((l) => (
                <option key={l.seconds} value={l.seconds}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating link…' : 'Copy signed link'}
        </button>
      </form>
      <p role="status" className={result?.copied ? styles.success : 'sr-only'}>
        {result?.copied
          ? `Copied — valid until ${until}`
          : result
            ? `Link created — valid until ${until}. Copy it from the box below.`
            : ''}
      </p>
      {result && !result.copied && (
        <div className="field">
          <label htmlFor={`${id}-url`}>Signed link (copy by hand — valid until {until})</label>
          <input
            id={`${id}-url`}
            className={`input ${styles.mono}`}
            readOnly
            value={result.link.url}
            // biome-ignore lint/a11y/noAutofocus: shown after the click that asked for the link, so it can be copied at once
            autoFocus
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
      <FormAlert message={error} />
    </section>
  );
}
