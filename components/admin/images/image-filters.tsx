'use client';
import type { AdminImageQuery } from '@/lib/schemas/admin-images';
import { DayRangeFilter, FilterForm, SelectFilter } from '../ui/filter-form';
import styles from './admin-images.module.css';
import type { OwnerOption } from './types';

export interface ImageFiltersProps {
  query: AdminImageQuery;
  owners: readonly OwnerOption[];
  deliveriesAvailable: boolean;
}

/** Search, filters, sort and page size. */
export function ImageFilters({ query, owners, deliveriesAvailable }: ImageFiltersProps) {
  return (
    <FilterForm path="/admin/images" query={query} label="Filter the images">
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
      <SelectFilter
        id="f-owner"
        name="owner"
        label="Owner"
        anyLabel="Anyone"
        options={owners.map((o) => ({ value: o.id, label: o.label }))}
        value={query.owner}
      />
      <DayRangeFilter
        idPrefix="f"
        labels={['Uploaded from (UTC)', 'Uploaded until (UTC)']}
        from={query.from}
        to={query.to}
      />
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
    </FilterForm>
  );
}
