'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent, ReactNode } from 'react';
import styles from './filter-form.module.css';

export interface FilterFormProps {
  /** The page the filters narrow, e.g. `/admin/audit`. */
  path: string;
  /** What the list shows now: a new query resets the uncontrolled fields, so Back shows what the list shows. */
  query: object;
  label: string;
  children: ReactNode;
  /** Buttons after Apply and Clear (e.g. an export). */
  extraButtons?: ReactNode;
}

/**
 * Filters as a GET form: each result has its own URL, and the form works before scripts load. With
 * scripts, empty fields are left out of the URL.
 */
export function FilterForm({ path, query, label, children, extraButtons }: FilterFormProps) {
  const router = useRouter();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === 'string' && v.trim()) params.set(k, v.trim());
    const qs = params.toString();
    router.push(qs ? `${path}?${qs}` : path);
  };
  return (
    <form
      key={JSON.stringify(query)}
      method="get"
      action={path}
      className={`card ${styles.filters}`}
      onSubmit={submit}
      aria-label={label}
    >
      {children}
      <div className={styles.buttons}>
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <Link href={path} className="button">
          Clear
        </Link>
        {extraButtons}
      </div>
    </form>
  );
}

export interface SelectFilterProps {
  id: string;
  name: string;
  label: string;
  /** The first option, meaning "no filter" (value ""). */
  anyLabel: string;
  options: readonly { value: string; label: string }[];
  value: string | undefined;
}

export function SelectFilter({ id, name, label, anyLabel, options, value }: SelectFilterProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select className="input" id={id} name={name} defaultValue={value ?? ''}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Two day inputs named `from` and `to` (UTC days, both included). */
export function DayRangeFilter({
  idPrefix,
  labels,
  from,
  to,
}: {
  idPrefix: string;
  labels: readonly [string, string];
  from: string | undefined;
  to: string | undefined;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-from`}>{labels[0]}</label>
        <input className="input" id={`${idPrefix}-from`} name="from" type="date" defaultValue={from ?? ''} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-to`}>{labels[1]}</label>
        <input className="input" id={`${idPrefix}-to`} name="to" type="date" defaultValue={to ?? ''} />
      </div>
    </>
  );
}
