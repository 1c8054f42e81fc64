import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_JSON_BODY_BYTES, readBodyText, readJsonBody } from './body';
import { ApiError } from './errors';
import { parseJson } from './route';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://app.example/api/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

/** A body without content-length that would go on forever: the reader must stop at the limit. */
function endless(): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('request bodies', () => {
  it('reads a body up to the limit', async () => {
    expect(await readBodyText(post('x'.repeat(1000)), 1000)).toHaveLength(1000);
    expect(await readJsonBody(post('{"a":[1,2]}'))).toEqual({ a: [1, 2] });
    expect(await readJsonBody(post(''))).toBeUndefined();
  });

  it('refuses a declared content-length over the limit with a 413 before reading anything', async () => {
    const { stream, pulled } = endless();
    const req = post(stream, { 'content-length': String(MAX_JSON_BODY_BYTES + 1) });
    const err = await refusal(readBodyText(req));
    expect([err.status, err.code]).toEqual([413, 'payload_too_large']);
    expect(err.message).toBe('The request body may be at most 1024 KB.');
    expect(pulled()).toBeLessThanOrEqual(64 * 1024 * 2); // at most what the stream buffered ahead, never read
  });

  it('stops reading a chunked body as soon as it passes the limit', async () => {
    const { stream, pulled } = endless();
    const err = await refusal(readBodyText(post(stream), 256 * 1024));
    expect(err.status).toBe(413);
    expect(pulled()).toBeLessThan(512 * 1024);
  });

  it('parseJson: 413 for a huge body, 400 for an empty or broken one, the schema for the rest', async () => {
    const schema = z.object({ ids: z.array(z.string()) });
    const huge = JSON.stringify({ ids: Array.from({ length: 200_000 }, (_, i) => `id-${i}`) });
    expect(huge.length).toBeGreaterThan(MAX_JSON_BODY_BYTES);
    expect((await refusal(parseJson(post(huge), schema))).status).toBe(413);
    expect((await refusal(parseJson(post(''), schema))).code).toBe('invalid_json');
    expect((await refusal(parseJson(post('{"ids":'), schema))).code).toBe('invalid_json');
    expect(await parseJson(post('{"ids":["a"]}'), schema)).toEqual({ ids: ['a'] });
  });
});
