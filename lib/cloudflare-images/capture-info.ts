/**
 * What the embedded image service reports about how a photo was taken: an EXTENSION outside the
 * Cloudflare Images API, sent as `x_pixvault_exif` on an image's `result` (upload, `GET v1/{id}`).
 * Real Cloudflare never sends the field, so every reader treats it as optional and tolerates any
 * shape it does not recognise (then: no capture info). Both sides import this file.
 */
import { z } from 'zod';

export const CAPTURE_INFO_FIELD = 'x_pixvault_exif';

const text = z.string().min(1).max(256).nullable();
const positive = z.number().finite().positive().nullable();

export const captureInfoSchema = z.object({
  /** Local wall-clock time the photo was taken, `YYYY-MM-DDTHH:MM:SS` (EXIF DateTimeOriginal), no zone. */
  takenAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    .nullable(),
  /** The camera's UTC offset at that moment, `±HH:MM` (EXIF OffsetTimeOriginal); null when unknown. */
  offset: z
    .string()
    .regex(/^[+-]\d{2}:\d{2}$/)
    .nullable(),
  make: text,
  model: text,
  lens: text,
  /** Seconds. */
  exposureTime: positive,
  fNumber: positive,
  iso: positive,
  /** Millimetres. */
  focalLength: positive,
});
export type CaptureInfo = z.infer<typeof captureInfoSchema>;

/** The capture info in an image result, or null when absent (Cloudflare) or not understood. */
export function readCaptureInfo(result: unknown): CaptureInfo | null {
  if (typeof result !== 'object' || result === null) return null;
  const parsed = captureInfoSchema.safeParse((result as Record<string, unknown>)[CAPTURE_INFO_FIELD]);
  return parsed.success ? parsed.data : null;
}
