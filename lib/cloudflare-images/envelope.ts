/** Cloudflare's JSON response envelope: `{success, errors, messages, result, result_info}`. */

export interface ApiMessage {
  code: number;
  message: string;
}

export interface Envelope<T> {
  success: boolean;
  errors: ApiMessage[];
  messages: ApiMessage[];
  result: T | null;
  result_info?: unknown;
}

export function okEnvelope<T>(result: T, resultInfo?: unknown): Envelope<T> {
  const body: Envelope<T> = { success: true, errors: [], messages: [], result };
  if (resultInfo !== undefined) body.result_info = resultInfo;
  return body;
}

/** The envelope of a failure; `error` is any `{code, message}`, such as a CloudflareImagesError. */
export function errorEnvelope(error: ApiMessage): Envelope<null> {
  return { success: false, errors: [{ code: error.code, message: error.message }], messages: [], result: null };
}
