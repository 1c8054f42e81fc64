import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditFilters } from '@/components/admin/audit/audit-filters';
import { type AuditRow, AuditTable } from '@/components/admin/audit/audit-table';
import { targetName } from '@/components/admin/audit/detail-text';
import { Pagination } from '@/components/admin/ui/pagination';
import { EmptyState } from '@/components/admin/ui/states';
import { requireAdminPage } from '@/lib/admin/guard';
import { auditActions, listAudit } from '@/lib/db/audit-query';
import { listUsers } from '@/lib/db/users';
import { AUDIT_PAGE_SIZE, auditFilterOf, auditParams, safeParseAuditQuery } from '@/lib/schemas/audit';

export const metadata: Metadata = { title: 'Audit log · Admin' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const raw = await searchParams;
  const parsed = safeParseAuditQuery(raw);
  if (!parsed.success) {
    return (
      <>
        <h1>Audit log</h1>
        <EmptyState
          title="These filters are not valid"
          action={
            <Link href="/admin/audit" className="button">
              Show every entry
            </Link>
          }
        >
          {parsed.error.issues[0]?.message ?? 'Check the filters.'}
        </EmptyState>
      </>
    );
  }
  const query = parsed.data;
  const filter = auditFilterOf(query);
  const [{ entries, total }, users, actions] = await Promise.all([
    listAudit(filter, { offset: (query.page - 1) * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE }),
    listUsers(),
    auditActions(),
  ]);
  const rows: AuditRow[] = entries.map((e) => ({
    id: String(e.id),
    at: new Date(e.at).toISOString(),
    actor: e.actorEmail ?? e.actorId,
    action: e.action,
    target: e.target,
    targetLabel: targetName(e),
    ip: e.ip,
    detail: e.detail,
  }));
  const params = auditParams(query);
  const qs = new URLSearchParams(params).toString();
  const filtered = Object.keys(params).length > 0;
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Who changed what, when and from where (addresses are known only behind the trusted proxies set in
        PIXVAULT_TRUSTED_PROXIES). Newest first; times are UTC.
      </p>
      <AuditFilters
        query={query}
        users={users.map((u) => ({ id: u.id, label: u.name ? `${u.name} (${u.email})` : u.email }))}
        actions={actions}
        csvHref={qs ? `/api/admin/audit/export?${qs}` : '/api/admin/audit/export'}
      />
      {total === 0 ? (
        <EmptyState
          title={filtered ? 'No entry matches these filters' : 'Nothing recorded yet'}
          action={
            filtered ? (
              <Link href="/admin/audit" className="button">
                Clear filters
              </Link>
            ) : undefined
          }
        >
          {filtered
            ? 'Try another user or action, or a wider date range.'
            : 'Sign-ins that fail, uploads, edits, deletions and every admin action appear here.'}
        </EmptyState>
      ) : (
        <>
          <AuditTable rows={rows} />
          <Pagination
            page={query.page}
            pageSize={AUDIT_PAGE_SIZE}
            total={total}
            basePath="/admin/audit"
            params={params}
            noun="entries"
          />
        </>
      )}
    </>
  );
}
