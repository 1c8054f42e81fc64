import { describe, expect, it } from 'vitest';
import { errorEnvelope } from './envelope';
import {
  badRequest,
  CloudflareImagesError,
  cfError,
  invalidInput,
  splitErrorMessage,
  unsupportedFormat,
} from './errors';

describe('Cloudflare Images errors', () => {
  it('states each code with its status and text, or a detail instead of the text', () => {
    const denied = cfError(9425);
    expect(denied).toBeInstanceOf(CloudflareImagesError);
    expect([denied.status, denied.code, denied.message]).toEqual([403, 9425, 'ERROR 9425: Image access denied']);
    expect(cfError(5404, 'Signing key "x" not found.').message).toBe('ERROR 5404: Signing key "x" not found.');
    expect(badRequest('Too many form fields.').message).toBe('ERROR 5400: Too many form fields.');
    expect(unsupportedFormat('the file is a TIFF.').message).toBe(
      'ERROR 5455: Unsupported image format: the file is a TIFF.',
    );
  });

  it('writes API-wide codes without the prefix, as Cloudflare does', () => {
    expect(cfError(10000).message).toBe('Authentication error');
    expect(cfError(7003).status).toBe(404);
  });

  it('takes another status or headers where one code has several', () => {
    const expired = cfError(5404, 'This upload URL has expired; ask for a new one.', { status: 410 });
    expect(expired.status).toBe(410);
    expect(cfError(9422, undefined, { headers: { 'retry-after': '3' } }).headers).toEqual({ 'retry-after': '3' });
  });

  it('names the first bad field of a zod failure', () => {
    expect(invalidInput('variant', [{ path: ['options', 'width'], message: 'Too big' }]).message).toBe(
      'ERROR 5400: Invalid variant: options.width: Too big',
    );
  });

  it('splits a message into its code and its words, and leaves other text alone', () => {
    expect(splitErrorMessage('ERROR 5455: Unsupported image format')).toEqual({
      code: 5455,
      text: 'Unsupported image format',
    });
    expect(splitErrorMessage('Bad gateway')).toEqual({ code: null, text: 'Bad gateway' });
  });

  it('puts an error in the envelope', () => {
    expect(errorEnvelope(cfError(9431))).toEqual({
      success: false,
      errors: [{ code: 9431, message: 'ERROR 9431: Not found' }],
      messages: [],
      result: null,
    });
  });
});
