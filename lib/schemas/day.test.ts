import { describe, expect, it } from 'vitest';
import { adminImageFilterSchema } from './admin-images';
import { auditQuerySchema } from './audit';
import { utcDaySchema } from './day';

describe('date filters', () => {
  it('take real days only, in both the image list and the audit log', () => {
    expect(utcDaySchema.safeParse('2024-02-29').success).toBe(true);
    for (const bad of ['2025-02-31', '2025-02-29', '2025-13-01', '2025-1-01', 'yesterday']) {
      expect(utcDaySchema.safeParse(bad).success, bad).toBe(false);
      expect(adminImageFilterSchema.safeParse({ from: bad }).success, bad).toBe(false);
      expect(auditQuerySchema.safeParse({ to: bad }).success, bad).toBe(false);
    }
  });
});
