/** Errors of the embedded image service, rendered as Cloudflare's JSON envelope or, on delivery, plain text. */

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const notFound = (what = 'Image not found') => new ServiceError(404, 5404, `ERROR 5404: ${what}`);
export const badRequest = (message: string) => new ServiceError(400, 5400, `ERROR 5400: ${message}`);

export interface Envelope<T> {
  success: boolean;
  errors: { code: number; message: string }[];
  messages: { code: number; message: string }[];
  result: T | null;
  result_info?: unknown;
}

export function okEnvelope<T>(result: T, resultInfo?: unknown): Envelope<T> {
  const body: Envelope<T> = { success: true, errors: [], messages: [], result };
  if (resultInfo !== undefined) body.result_info = resultInfo;
  return body;
}

export function errorEnvelope(code: number, message: string): Envelope<null> {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

/** A zod failure as a 400 naming the first bad field. */
export function invalidInput(
  what: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ServiceError {
  const issue = issues[0];
  const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  return new ServiceError(400, 5400, `ERROR 5400: Invalid ${what}: ${where}${issue?.message ?? 'bad input'}`);
}
