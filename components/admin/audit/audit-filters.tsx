'use client';
import type { AuditQuery } from '@/lib/schemas/audit';
import { DayRangeFilter, FilterForm, SelectFilter } from '../ui/filter-form';
import { actionLabel } from './action-labels';

export interface AuditFiltersProps {
  query: AuditQuery;
  users: readonly { id: string; label: string }[];
  actions: readonly string[];
  /** The CSV export of what the filters select. */
  csvHref: string;
}

/** Who, what and when; the CSV export downloads what the filters select. */
export function AuditFilters({ query, users, actions, csvHref }: AuditFiltersProps) {
  return (
    <FilterForm
      path="/admin/audit"
      query={query}
      label="Filter the audit log"
      extraButtons={
        // A plain link: the browser downloads the file the route streams.
        <a href={csvHref} className="button" download>
          Download CSV
        </a>
      }
    >
      <SelectFilter
        id="a-user"
        name="user"
        label="User"
        anyLabel="Anyone"
        options={users.map((u) => ({ value: u.id, label: u.label }))}
        value={query.user}
      />
      <SelectFilter
        id="a-action"
        name="action"
        label="Action"
        anyLabel="Any action"
        options={actions.map((a) => ({ value: a, label: actionLabel(a) }))}
        value={query.action}
      />
      <DayRangeFilter idPrefix="a" labels={['From (UTC)', 'Until (UTC)']} from={query.from} to={query.to} />
    </FilterForm>
  );
}
