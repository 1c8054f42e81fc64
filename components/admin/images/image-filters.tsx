'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import type { AdminImageQuery } from '@/lib/schemas/admin-images';
import styles from './admin-images.module.css';
import type { OwnerOption } from './types';

export interface ImageFiltersProps {
  query: AdminImageQuery;
  owners: readonly OwnerOption[];
  deliveriesAvailable: boolean;
}

/**
 * Search, filters and sort as a GET form: each result has its own URL, and the form works before
 * scripts load. With scripts, empty fields are left out of the URL.
 */
export function ImageFilters({ query, owners, deliveriesAvailable }: ImageFiltersProps) {
  const router = useRouter();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === 'string' && v.trim()) params.set(k, v.trim());
    const qs = params.toString();
    router.push(qs ? `/admin/images?${qs}` : '/admin/images');
  };
  // A new query resets the form's fields (they are uncontrolled), so Back shows what the list shows.
  const key = JSON.stringify(query);
  return (
    <form key={key} method="get" action="/admin/images" className={`card ${styles.filters}`} onSubmit={submit}>
      <div className={`field ${styles.search}`}>
        <label htmlFor="f-q">Search</label>
        <input
          className="input"
          id="f-q"
          name="q"
          type="search"
          placeholder="Title or filename"
          defaultValue={query.q ?? ''}
        />
      </div>
      <div className="field">
        <label htmlFor="f-owner">Owner</label>
        <select className="input" id="f-owner" name="owner" defaultValue={query.owner ?? ''}>
          <option value="">Anyone</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-from">Uploaded from (UTC)</label>
        <input className="input" id="f-from" name="from" type="date" defaultValue={query.from ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="f-to">Uploaded until (UTC)</label>
        <input className="input" id="f-to" name="to" type="date" defaultValue={query.to ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="f-visibility">Visibility</label>
        <select className="input" id="f-visibility" name="visibility" defaultValue={query.visibility}>
          <option value="all">All</option>
          <option value="private">Private</option>
          <option value="public">Public</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-sort">Sort by</label>
        <select className="input" id="f-sort" name="sort" defaultValue={query.sort}>
          <option value="date">Upload date</option>
          <option value="size">Size</option>
          <option value="deliveries" disabled={!deliveriesAvailable}>
            Deliveries (30 days){deliveriesAvailable ? '' : ' — not available'}
          </option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-dir">Order</label>
        <select className="input" id="f-dir" name="dir" defaultValue={query.dir}>
          <option value="desc">Descending</option>
          <option value="asc">Ascending</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-size">Per page</label>
        <select className="input" id="f-size" name="size" defaultValue={String(query.size)}>
          <option value="25">25</option>
          <option value="50">50</option>
          <option value="100">100</option>
        </select>
      </div>
      <div className={styles.filterButtons}>
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <Link href="/admin/images" className="button">
          Clear
        </Link>
      </div>
    </form>
  );
}
