/** The audit page's query: empty fields ignored, whole UTC days with the end day included, bad input named. */
import { describe, expect, it } from 'vitest';
import { auditFilterOf, auditParams, parseAuditQuery, safeParseAuditQuery } from './audit';

describe('audit queries', () => {
  it('ignore empty fields and default to the first page', () => {
    const q = parseAuditQuery({ user: '', action: 'user.created', from: '', to: [], page: undefined });
    expect(q).toEqual({ action: 'user.created', page: 1 });
    expect(auditParams(q)).toEqual({ action: 'user.created' });
  });

  it('cover whole UTC days, the last one included', () => {
    const q = parseAuditQuery({ from: '2025-03-01', to: '2025-03-01', user: 'u1', page: '2' });
    expect(auditFilterOf(q)).toEqual({
      userId: 'u1',
      from: Date.UTC(2025, 2, 1),
      to: Date.UTC(2025, 2, 2),
    });
    expect(q.page).toBe(2);
  });

  it('say what is wrong with a bad query', () => {
    const message = (params: Record<string, string>) => {
      const r = safeParseAuditQuery(params);
      return r.success ? null : r.error.issues[0]?.message;
    };
    expect(message({ from: '2025-03-02', to: '2025-03-01' })).toBe('The start date is after the end date.');
    expect(message({ from: '03/01/2025' })).toBe('Dates are YYYY-MM-DD.');
    expect(message({ to: '2025-02-31' })).toBe('Not a real date.');
    expect(message({ page: '0' })).toMatch(/>=1|at least|too small/i);
    expect(() => parseAuditQuery({ page: 'x' })).toThrow();
  });
});
