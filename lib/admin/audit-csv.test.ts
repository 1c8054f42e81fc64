/** The CSV export: quoting that survives any text, and no cell a spreadsheet would run as a formula. */
import { describe, expect, it } from 'vitest';
import type { AuditView } from '@/lib/db/audit-query';
import { AUDIT_CSV_HEADER, auditCsvRow, csvCell, csvLine } from './audit-csv';

describe('CSV cells', () => {
  it('are always quoted, with inner quotes doubled and separators kept inside', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b\r\nc')).toBe('"a,b\r\nc"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(42)).toBe('"42"');
  });

  it('never start with a formula character', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}HYPERLINK("http://evil.example")`)).toBe(`"'${start}HYPERLINK(""http://evil.example"")"`);
    }
    // Only the start counts: the same characters inside are data.
    expect(csvCell('a=b+c-d@e')).toBe('"a=b+c-d@e"');
    expect(csvCell(-3)).toBe(`"'-3"`);
  });

  it('make lines ending in CRLF', () => {
    expect(csvLine(['a', null, '=1'])).toBe(`"a","","'=1"\r\n`);
  });
});

describe('audit rows', () => {
  it('put each field in its header’s column, the time in ISO UTC', () => {
    const entry: AuditView = {
      id: 1,
      at: Date.UTC(2025, 0, 2, 3, 4, 5),
      actorId: 'u1',
      actorEmail: 'ada@example.com',
      action: 'image.updated',
      target: 'img-1',
      targetLabel: '=cmd|"/c calc"!A1',
      ip: '203.0.113.5',
      detail: '{"title":"=cmd"}',
    };
    expect(AUDIT_CSV_HEADER).toHaveLength(8);
    expect(auditCsvRow(entry)).toBe(
      `"2025-01-02T03:04:05.000Z","ada@example.com","u1","image.updated","img-1","'=cmd|""/c calc""!A1","203.0.113.5","{""title"":""=cmd""}"\r\n`,
    );
  });
});
