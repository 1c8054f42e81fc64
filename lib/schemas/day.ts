/** A calendar day as `YYYY-MM-DD` (UTC), the date filters' one format. */
import { z } from 'zod';

/** Milliseconds at the start of `day` (UTC); NaN when it does not parse. */
export const startOfUtcDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

export const utcDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD.')
  // Date.parse rolls 2025-02-31 over into March: a real date reads back as itself.
  .refine((v) => {
    const ms = startOfUtcDay(v);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v;
  }, 'Not a real date.');
