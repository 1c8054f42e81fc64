// GET /api/admin/audit/export — the audit log as CSV, with the page's filters (admins only)

import { auditCsvStream } from '@/lib/admin/audit-csv';
import { requireAdmin } from '@/lib/admin/guard';
import { apiRoute } from '@/lib/api/route';
import { auditFilterOf, parseAuditQuery } from '@/lib/schemas/audit';

export const GET = apiRoute(async (req) => {
  await requireAdmin();
  const query = parseAuditQuery(Object.fromEntries(new URL(req.url).searchParams));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditCsvStream(auditFilterOf(query)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="pixvault-audit-${day}.csv"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
