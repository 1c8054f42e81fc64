/** One error path for route handlers: ApiError → `{ error: { code, message } }`; anything unknown → a 500 that leaks nothing. */
import { z } from 'zod';
import { ImageServiceError } from '@/lib/images/client';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For refusals that pass (429, 503): sent as `Retry-After`, so clients retry on their own at the right time. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 429 with Retry-After: the client waits `seconds` and tries again by itself. */
export const rateLimited = (message: string, seconds: number) => new ApiError(429, 'rate_limited', message, seconds);

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
  if (err instanceof ApiError) {
    if (err.retryAfterSeconds === undefined) return errorResponse(err.status, err.code, err.message);
    const wait = Math.max(1, Math.ceil(err.retryAfterSeconds));
    return errorResponse(
      err.status,
      err.code,
      err.message,
      { retryAfterSeconds: wait },
      { 'retry-after': String(wait) },
    );
  }
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
