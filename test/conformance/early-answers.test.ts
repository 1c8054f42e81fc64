/**
 * Early answers reach the client (issue 7, item 13): the service once answered 403 (no token) and 409
 * (used upload URL) before reading the body and closed the socket, so a client still sending got EPIPE
 * or "fetch failed" instead of the envelope, and the official SDK raised APIConnectionError instead of
 * the authentication refusal. (A wrong token is a 403, code 10000, as on Cloudflare, which the SDK
 * raises as its PermissionDeniedError.) Each case runs several times: the answer must not depend on
 * timing. Over loopback, fetch and the SDK read an early answer before the reset reaches them; a client
 * that reads only once it has sent everything, as a browser's upload does, did not get one at all.
 */
import { randomBytes } from 'node:crypto';
import Cloudflare, { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '@/lib/cloudflare-images/limits';
import { jpeg } from '../helpers/images';
import { multipartFile, sendThenRead } from '../helpers/raw-http';
import { postFile, startTestService, type TestService } from '../helpers/service';

const ROUNDS = 5;
/** A bound, never waited for: five rounds of 5–10 MB bodies take ~10 s here, 30 s and more on a machine busy with other work. */
const BUSY_MACHINE = { timeout: 120_000 };

function expectTokenRefusal(err: unknown): void {
  expect(err).not.toBeInstanceOf(Cloudflare.APIConnectionError);
  expect(err).toBeInstanceOf(Cloudflare.PermissionDeniedError);
  const refused = err as InstanceType<typeof Cloudflare.PermissionDeniedError>;
  expect(refused.status).toBe(403);
  expect(refused.errors).toEqual([{ code: 10000, message: 'Authentication error' }]);
}

async function usedUploadUrl(t: TestService): Promise<string> {
  const made = await fetch(`${t.api}/v2/direct_upload`, { method: 'POST', headers: t.auth });
  const { uploadURL } = ((await made.json()) as { result: { uploadURL: string } }).result;
  expect((await postFile(uploadURL, await jpeg(60, 40))).status).toBe(200);
  return uploadURL;
}

describe('answers before the body is read', BUSY_MACHINE, () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.stop());

  it('the official SDK with a wrong token uploading 2 MB gets the 403 refusal, not a connection error', async () => {
    const wrong = new Cloudflare({ apiToken: 'not-the-token', baseURL: `${t.svc.url}/client/v4`, maxRetries: 0 });
    for (let i = 0; i < ROUNDS; i++) {
      const upload = wrong.images.v1.create({
        account_id: t.accountId,
        file: await toFile(randomBytes(2 * 1024 * 1024), 'big.jpg'),
      });
      const err = await upload.then(
        () => null,
        (e: unknown) => e,
      );
      expectTokenRefusal(err);
    }
  });

  it('a fetch POSTing 5 MB to a used upload URL receives the 409 envelope', async () => {
    const uploadURL = await usedUploadUrl(t);
    for (let i = 0; i < ROUNDS; i++) {
      const res = await postFile(uploadURL, randomBytes(5 * 1024 * 1024));
      expect(res.status).toBe(409);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await res.json()) as { success: boolean; errors: { code: number; message: string }[] };
      expect(body.success).toBe(false);
      expect(body.errors[0]?.code).toBe(5409);
      expect(body.errors[0]?.message).toMatch(/already used/);
    }
  });

  it('a client that reads only after sending all of 5 MB (as a browser does) receives the 409 and the 403', async () => {
    const uploadURL = await usedUploadUrl(t);
    const form = multipartFile(randomBytes(5 * 1024 * 1024));
    for (let i = 0; i < ROUNDS; i++) {
      const used = await sendThenRead(uploadURL, form);
      expect(used).toMatchObject({ status: 409, headers: { 'access-control-allow-origin': '*' } });
      expect(used).toHaveProperty('body', expect.stringMatching(/"code":5409/));
      const noToken = await sendThenRead(`${t.api}/v1`, form, { authorization: 'Bearer not-the-token' });
      expect(noToken).toMatchObject({ status: 403, body: expect.stringMatching(/"code":10000/) });
    }
  });

  it('a refusal in the middle of the body (file too large) is answered too, on a connection that stays usable', async () => {
    const made = await fetch(`${t.api}/v2/direct_upload`, { method: 'POST', headers: t.auth });
    const { uploadURL } = ((await made.json()) as { result: { uploadURL: string } }).result;
    for (let i = 0; i < ROUNDS; i++) {
      const res = await postFile(uploadURL, randomBytes(DEFAULT_LIMITS.maxBytes + 100_000));
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).not.toBe('close');
      expect(((await res.json()) as { errors: { code: number }[] }).errors[0]?.code).toBe(5413);
    }
    expect((await postFile(uploadURL, await jpeg(60, 40))).status).toBe(200);
  });
});

describe('answers to a body too large to read', BUSY_MACHINE, () => {
  let t: TestService;
  beforeAll(async () => {
    // A small size limit, so a 5 MB body is beyond what the service reads to deliver an answer.
    t = await startTestService({ limits: { ...DEFAULT_LIMITS, maxBytes: 512 * 1024 } });
  });
  afterAll(() => t.stop());

  it('still receive the answer, then the connection closes (Connection: close)', async () => {
    const uploadURL = await usedUploadUrl(t);
    const form = multipartFile(randomBytes(5 * 1024 * 1024));
    for (let i = 0; i < ROUNDS; i++) {
      const used = await sendThenRead(uploadURL, form);
      expect(used).toMatchObject({ status: 409, headers: { connection: 'close' } });
    }
    for (let i = 0; i < ROUNDS; i++) {
      const res = await postFile(uploadURL, randomBytes(5 * 1024 * 1024));
      expect(res.status).toBe(409);
      expect(res.headers.get('connection')).toBe('close');
      expect(((await res.json()) as { errors: { code: number }[] }).errors[0]?.code).toBe(5409);
    }
    const wrong = new Cloudflare({ apiToken: 'not-the-token', baseURL: `${t.svc.url}/client/v4`, maxRetries: 0 });
    for (let i = 0; i < ROUNDS; i++) {
      const err = await wrong.images.v1
        .create({ account_id: t.accountId, file: await toFile(randomBytes(5 * 1024 * 1024), 'big.jpg') })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expectTokenRefusal(err);
    }
  });
});
