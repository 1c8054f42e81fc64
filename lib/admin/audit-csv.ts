/**
 * The audit log as CSV (RFC 4180), streamed a batch at a time so a long log never sits in memory.
 * Every field is quoted. A cell a spreadsheet would run as a formula (starting with = + - @, or a tab
 * or carriage return that some spreadsheets skip before looking) gets a leading apostrophe: titles,
 * emails and user agents in the log are chosen by users, and an export must not run their formulas.
 */
import { type AuditFilter, type AuditView, eachAudit } from '@/lib/db/audit-query';
import type { AppDb } from '@/lib/db/index';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-safe, quoted, inner quotes doubled. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export const AUDIT_CSV_HEADER = ['time', 'actor_email', 'actor_id', 'action', 'target', 'target_label', 'ip', 'detail'];

export function auditCsvRow(e: AuditView): string {
  return csvLine([
    new Date(e.at).toISOString(),
    e.actorEmail,
    e.actorId,
    e.action,
    e.target,
    e.targetLabel,
    e.ip,
    e.detail,
  ]);
}

/** The matching entries, newest first, header first; pulled as the client reads. */
export function auditCsvStream(filter: AuditFilter, db?: AppDb): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const entries = eachAudit(filter, 500, db);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte-order mark, so spreadsheets read the UTF-8 (names, titles) as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(AUDIT_CSV_HEADER)}`));
        return;
      }
      const next = await entries.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvRow(next.value)));
    },
    async cancel() {
      await entries.return(undefined);
    },
  });
}
