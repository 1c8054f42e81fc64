/** One error path for route handlers: ApiError → `{ error: { code, message } }`; anything unknown → a 500 that leaks nothing. */
import { z } from 'zod';
import { ImageServiceError } from '@/lib/images/client';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const unauthorized = () => new ApiError(401, 'unauthorized', 'Sign in to continue.');
export const forbidden = (message = 'You do not have permission to do that.') =>
  new ApiError(403, 'forbidden', message);
export const notFound = (what = 'Image') => new ApiError(404, 'not_found', `${what} not found.`);

export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra?: Record<string, unknown>,
  headers?: HeadersInit,
): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers });
}

export function toErrorResponse(err: unknown): Response {
  if (err instanceof ApiError) return errorResponse(err.status, err.code, err.message);
  if (err instanceof z.ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    const first = issues[0];
    return errorResponse(
      400,
      'invalid_request',
      first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid request.',
      { issues },
    );
  }
  if (err instanceof ImageServiceError) {
    console.error('[pixvault] image service error:', err.status, err.message);
    return errorResponse(
      502,
      'image_service_error',
      'The image service could not complete the request. Try again in a moment.',
    );
  }
  console.error('[pixvault] unexpected error:', err);
  return errorResponse(500, 'internal_error', 'Something went wrong on our side.');
}
