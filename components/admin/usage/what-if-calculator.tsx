'use client';
import { useId, useState } from 'react';
import { lineArithmetic, type WhatIfInput, whatIf } from '@/lib/admin/pricing';
import { count, usd } from './format';
import styles from './usage.module.css';

export interface WhatIfCalculatorProps {
  bucketSeconds: number;
  ttlSeconds: number;
}

const FIELDS: { key: keyof WhatIfInput; label: string; hint?: string }[] = [
  { key: 'uploaders', label: 'Uploaders' },
  { key: 'imagesPerUploader', label: 'Images per uploader' },
  { key: 'viewers', label: 'Viewers' },
  { key: 'imagesViewedPerDay', label: 'Images each viewer sees a day' },
  { key: 'days', label: 'Days' },
  {
    key: 'repeatViewsPerBucket',
    label: 'Repeat views of an image within one bucket',
    hint: 'How many more times a viewer sees the same image before its signed URL changes.',
  },
];

const DEFAULTS: Record<keyof WhatIfInput, string> = {
  uploaders: '100',
  imagesPerUploader: '500',
  viewers: '2000',
  imagesViewedPerDay: '50',
  days: '30',
  repeatViewsPerBucket: '1',
};

/** Uploaders × images and viewers × views × days → images stored, deliveries, the monthly bill, and what the bucket saves. */
export function WhatIfCalculator({ bucketSeconds, ttlSeconds }: WhatIfCalculatorProps) {
  const id = useId();
  const [values, setValues] = useState(DEFAULTS);
  const input = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v.trim() === '' ? 0 : Number(v)]),
  ) as unknown as WhatIfInput;
  const r = whatIf(input);
  const bucketMinutes = Math.round(bucketSeconds / 60);

  return (
    <section className={styles.section} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles.heading}>
        What if…
      </h2>
      <div className={`card ${styles.calculator}`}>
        <div className={styles.inputs}>
          {FIELDS.map((f) => (
            <div className={`field ${f.hint ? styles.wide : ''}`} key={f.key}>
              <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
              <input
                id={`${id}-${f.key}`}
                className="input"
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                value={values[f.key]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setValues((v) => ({ ...v, [f.key]: value }));
                }}
                aria-describedby={f.hint ? `${id}-${f.key}-hint` : undefined}
              />
              {f.hint && (
                <span id={`${id}-${f.key}-hint`} className="muted">
                  {f.hint}
                </span>
              )}
            </div>
          ))}
        </div>
        <dl className={styles.arithmetic} aria-live="polite">
          <dt>Images stored</dt>
          <dd>
            <strong data-testid="calc-stored">{count(r.stored)}</strong> ({count(input.uploaders)} ×{' '}
            {count(input.imagesPerUploader)}) → <span data-testid="calc-stored-cost">{usd(r.bill.stored.usd)}</span> a
            month <span className="muted">({lineArithmetic(r.bill.stored)})</span>
          </dd>
          <dt>Deliveries per month</dt>
          <dd>
            <strong data-testid="calc-deliveries">{count(r.deliveries)}</strong> ({count(input.viewers)} ×{' '}
            {count(input.imagesViewedPerDay)} × {count(input.days)}) →{' '}
            <span data-testid="calc-deliveries-cost">{usd(r.bill.delivered.usd)}</span>{' '}
            <span className="muted">({lineArithmetic(r.bill.delivered)})</span>
          </dd>
          <dt>Monthly cost</dt>
          <dd>
            <strong data-testid="calc-total">{usd(r.bill.totalUsd)}</strong>
          </dd>
          <dt>The signing bucket saves</dt>
          <dd>
            <strong data-testid="calc-saved">{usd(r.savedUsd)}</strong> a month: {count(r.cachedViews)} repeat views
            come from the browser cache instead of {usd(r.withoutBucket.totalUsd)} with a fresh signature per page load.
          </dd>
        </dl>
        <p className="muted">
          Why: gallery URLs expire at least {Math.round(ttlSeconds / 60)} minutes after signing, rounded up to the next{' '}
          {bucketMinutes}-minute bucket, so for a whole bucket an image keeps the same URL. The image is sent with{' '}
          <code>Cache-Control: private, max-age</code> up to its expiry, so the browser answers a repeat view from its
          cache: no request, no delivery, nothing billed. Signing afresh on every page load would make every repeat a
          new URL, and a new delivery. Cache hits never reach the image service, so they cannot be counted: this is an
          estimate from the repeats you enter.
        </p>
      </div>
    </section>
  );
}
