/**
 * The image service's answers to console actions, as ApiErrors the page can show: a refusal (4xx)
 * keeps the service's own sentence (such as why `public` cannot be deleted), a failure (5xx, no
 * answer) becomes a plain "try again" that leaks nothing.
 */
import { ApiError } from '@/lib/api/errors';
import { splitErrorMessage } from '@/lib/cloudflare-images/errors';
import { ImageServiceError } from '@/lib/images/client';

/** fetch's own failures: nothing answered (refused, reset, timed out). */
function unreachable(err: unknown): boolean {
  return (
    (err instanceof TypeError && err.message === 'fetch failed') ||
    (err instanceof DOMException && err.name === 'TimeoutError')
  );
}

export function serviceRefusal(err: unknown): unknown {
  if (unreachable(err)) {
    return new ApiError(
      502,
      'image_service_unreachable',
      'The image service could not be reached. Try again in a moment.',
    );
  }
  if (!(err instanceof ImageServiceError)) return err;
  if (err.status >= 400 && err.status < 500) {
    const { text } = splitErrorMessage(err.message);
    return new ApiError(err.status === 404 ? 404 : 409, 'image_service_refused', `The image service refused: ${text}`);
  }
  console.error('[pixvault] image service error:', err.status, err.message);
  return new ApiError(
    502,
    'image_service_error',
    'The image service did not answer as expected. Try again in a moment.',
  );
}

/** Runs `work`, turning image service errors into ApiErrors (see above). */
export async function withServiceRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw serviceRefusal(err);
  }
}
