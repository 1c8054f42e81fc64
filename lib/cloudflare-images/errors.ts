/**
 * Cloudflare Images errors: every code this API answers with, its HTTP status and its text, defined
 * once. Messages read `ERROR <code>: <text>` as Cloudflare writes them; the API-wide codes
 * (authentication, routing) carry no prefix. A `detail` replaces the text with a sentence that says
 * what exactly was wrong.
 */

const ERRORS = {
  // Images API: REST and the one-time upload URL
  5400: { status: 400, text: 'Bad request' },
  5401: { status: 404, text: 'Variant not found' },
  5404: { status: 404, text: 'Image not found' },
  5409: { status: 409, text: 'Resource already exists' },
  5413: { status: 413, text: 'The request body is too large.' },
  5415: { status: 415, text: 'Images must be uploaded as a form, not as raw data (use multipart/form-data).' },
  5433: { status: 400, text: 'The upload was aborted by the client.' },
  5443: { status: 400, text: 'The animation has too many pixels in all.' },
  5453: { status: 429, text: 'Too many uploads in progress; try again shortly.' },
  5455: { status: 415, text: 'Unsupported image format' },
  5500: { status: 500, text: 'Internal error' },
  5503: { status: 503, text: 'SVG processing is unavailable right now; try again.' },
  // Delivery
  9401: { status: 400, text: 'Invalid transformation option.' },
  9413: { status: 400, text: 'The requested output is larger than allowed.' },
  9422: { status: 429, text: 'The image service is busy transforming images; try again shortly.' },
  9425: { status: 403, text: 'Image access denied' },
  9429: { status: 403, text: 'Flexible variants are not enabled for this account' },
  9431: { status: 404, text: 'Not found' },
  9500: { status: 500, text: 'Internal error' },
  // API-wide
  7003: { status: 404, text: 'No route for the URI', bare: true },
  10000: { status: 403, text: 'Authentication error', bare: true },
  10405: { status: 405, text: 'Method not allowed', bare: true },
} as const satisfies Record<number, { status: number; text: string; bare?: true }>;

export type ErrorCode = keyof typeof ERRORS;

export class CloudflareImagesError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'CloudflareImagesError';
  }
}

export interface ErrorOptions {
  /** Where Cloudflare answers one code with more than one status (5404 as 410 for an expired upload URL). */
  status?: number;
  headers?: Record<string, string>;
}

/** The error for `code`, with its own text or `detail` instead. */
export function cfError(code: ErrorCode, detail?: string, options: ErrorOptions = {}): CloudflareImagesError {
  const known: { status: number; text: string; bare?: true } = ERRORS[code];
  const text = detail ?? known.text;
  const message = known.bare ? text : `ERROR ${code}: ${text}`;
  return new CloudflareImagesError(options.status ?? known.status, code, message, options.headers);
}

/** 400, code 5400, saying what was wrong with the request. */
export const badRequest = (detail: string) => cfError(5400, detail);

/** 415, code 5455: "Unsupported image format: <why>". */
export const unsupportedFormat = (why: string) => cfError(5455, `${ERRORS[5455].text}: ${why}`);

/** A zod failure as a 400 naming the first bad field. */
export function invalidInput(
  what: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): CloudflareImagesError {
  const issue = issues[0];
  const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  return badRequest(`Invalid ${what}: ${where}${issue?.message ?? 'bad input'}`);
}

/** Splits "ERROR 5455: Unsupported image" into its code and its words (people need only the words). */
export function splitErrorMessage(message: string): { code: number | null; text: string } {
  const m = /^\s*ERROR\s+(\d+)\s*:\s*/i.exec(message);
  return m ? { code: Number(m[1]), text: message.slice(m[0].length).trim() } : { code: null, text: message.trim() };
}
