'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import type { AuditQuery } from '@/lib/schemas/audit';
import { actionLabel } from './action-labels';
import styles from './audit.module.css';

export interface AuditFiltersProps {
  query: AuditQuery;
  users: readonly { id: string; label: string }[];
  actions: readonly string[];
  /** The CSV export of what the filters select. */
  csvHref: string;
}

/**
 * Who, what and when as a GET form: each result has its own URL, and the form works before scripts
 * load. With scripts, empty fields are left out of the URL.
 */
export function AuditFilters({ query, users, actions, csvHref }: AuditFiltersProps) {
  const router = useRouter();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === 'string' && v.trim()) params.set(k, v.trim());
    const qs = params.toString();
    router.push(qs ? `/admin/audit?${qs}` : '/admin/audit');
  };
  // A new query resets the uncontrolled fields, so Back shows what the list shows.
  const key = JSON.stringify(query);
  return (
    <form
      key={key}
      method="get"
      action="/admin/audit"
      className={`card ${styles.filters}`}
      onSubmit={submit}
      aria-label="Filter the audit log"
    >
      <div className="field">
        <label htmlFor="a-user">User</label>
        <select className="input" id="a-user" name="user" defaultValue={query.user ?? ''}>
          <option value="">Anyone</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="a-action">Action</label>
        <select className="input" id="a-action" name="action" defaultValue={query.action ?? ''}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="a-from">From (UTC)</label>
        <input className="input" id="a-from" name="from" type="date" defaultValue={query.from ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="a-to">Until (UTC)</label>
        <input className="input" id="a-to" name="to" type="date" defaultValue={query.to ?? ''} />
      </div>
      <div className={styles.buttons}>
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <Link href="/admin/audit" className="button">
          Clear
        </Link>
        {/* A plain link: the browser downloads the file the route streams. */}
        <a href={csvHref} className="button" download>
          Download CSV
        </a>
      </div>
    </form>
  );
}
