/**
 * The image service's answers to console actions, as ApiErrors the page can show: a refusal (4xx)
 * keeps the service's own sentence (such as why `public` cannot be deleted), a failure (5xx, no
 * answer) becomes a plain "try again" that leaks nothing.
 */
import { ApiError } from '@/lib/api/errors';
import { splitErrorMessage } from '@/lib/cloudflare-images/errors';
import { ImageServiceError } from '@/lib/images/client';

export function serviceRefusal(err: unknown): unknown {
  if (!(err instanceof ImageServiceError)) return err;
  if (err.status >= 400 && err.status < 500) {
    const { text } = splitErrorMessage(err.message);
    return new ApiError(err.status === 404 ? 404 : 409, 'image_service_refused', `The image service refused: ${text}`);
  }
  console.error('[pixvault] image service error:', err.status, err.message);
  return new ApiError(502, 'image_service_error', 'The image service did not answer as expected. Try again in a moment.');
}

/** Runs `work`, turning image service errors into ApiErrors (see above). */
export async function withServiceRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw serviceRefusal(err);
  }
}
