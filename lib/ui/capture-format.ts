/**
 * How a photo was taken, as the info panels show it. The capture time is the camera's own wall
 * clock, shown as recorded (not moved into the viewer's zone), with its UTC offset when known.
 */
import type { CaptureInfo } from '@/lib/cloudflare-images/capture-info';

const takenFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2024-05-01T12:34:56` + `+02:00` → `May 1, 2024, 12:34 PM (UTC+02:00)`. */
export function formatTaken(takenAt: string, offset: string | null): string {
  const wall = new Date(`${takenAt}Z`);
  if (Number.isNaN(wall.getTime())) return '—';
  // Newer ICU puts a narrow no-break space before AM/PM; one plain space reads (and tests) the same everywhere.
  const text = takenFormat.format(wall).replace(/\s/g, ' ');
  return offset ? `${text} (UTC${offset})` : text;
}

/** `May 2024` for a `YYYY-MM…` date (wall time or ISO instant in UTC). */
export function formatMonth(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? 'No date' : monthFormat.format(d);
}

export function formatCamera(c: Pick<CaptureInfo, 'make' | 'model'>): string | null {
  if (!c.model) return c.make;
  // Many cameras repeat the make in the model ("Canon" + "Canon EOS R5").
  return c.make && !c.model.toLowerCase().startsWith(c.make.toLowerCase()) ? `${c.make} ${c.model}` : c.model;
}

const trim = (n: number) => String(Number(n.toFixed(1)));

/** `1/125 s · f/2.8 · ISO 400 · 50 mm`, the parts known; null when none is. */
export function formatExposure(
  c: Pick<CaptureInfo, 'exposureTime' | 'fNumber' | 'iso' | 'focalLength'>,
): string | null {
  const parts: string[] = [];
  if (c.exposureTime) {
    parts.push(c.exposureTime >= 0.3 ? `${trim(c.exposureTime)} s` : `1/${Math.round(1 / c.exposureTime)} s`);
  }
  if (c.fNumber) parts.push(`f/${trim(c.fNumber)}`);
  if (c.iso) parts.push(`ISO ${Math.round(c.iso)}`);
  if (c.focalLength) parts.push(`${trim(c.focalLength)} mm`);
  return parts.length ? parts.join(' · ') : null;
}
