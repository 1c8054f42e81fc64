/**
 * The embedded service's usage report (`GET …/accounts/<id>/images/x-pixvault/usage`): an extension
 * outside the Cloudflare Images API, shared by the service that answers it and the app that reads it.
 * Query: `days` (1–400, default 30), `top` (0–100, default 20), `image=<id>` (repeatable, at most 500)
 * or `every_image=1` for the per-image counts. Days are UTC.
 */

export const USAGE_REPORT_PATH = 'x-pixvault/usage';
export const USAGE_MAX_DAYS = 400;
export const USAGE_MAX_IMAGES = 500;
/** The variant label of deliveries through flexible options; parentheses never occur in a variant name. */
export const FLEXIBLE_VARIANT = '(flexible)';

export interface UsageReport {
  /** First and last UTC day of the report (inclusive). */
  from: string;
  to: string;
  /** Every day of the range, oldest first; `stored` is null on days no reading was taken. */
  days: { day: string; deliveries: number; bytes: number; stored: number | null }[];
  /** Deliveries per day and variant (days and variants without any are left out). */
  variants: { day: string; variant: string; deliveries: number }[];
  /** The most delivered images of the range. */
  top: { id: string; deliveries: number }[];
  /** Deliveries of each image asked for (0 when none), or of every delivered image with `every_image=1`. */
  images: Record<string, number>;
  /** This calendar month (UTC) so far. */
  month: { month: string; deliveries: number; bytes: number };
  /** Images stored now. */
  stored: number;
  /** The first day anything was counted; null before any. */
  countingSince: string | null;
}
