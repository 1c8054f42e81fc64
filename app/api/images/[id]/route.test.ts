/**
 * PATCH /api/images/{id} on either engine against the in-process image service: text with control
 * characters (PostgreSQL cannot store a NUL) is a 400 that changes nothing, here or at the service.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { type Person, person, uploadAs } from '@/test/helpers/app-images';
import { startTestService, type TestService } from '@/test/helpers/service';
import { engine } from '@/test/helpers/test-engine';

vi.mock('server-only', () => ({}));
vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
  stubAppEnv(t);
});
afterAll(() => t.stop());

const { signInAs } = await import('@/test/helpers/session');
const { getImage } = await import('@/lib/db/images');
const { imagesClient } = await import('@/lib/images/client');
const { updateImageFor } = await import('@/lib/images/manage');
const { PATCH } = await import('./route');

let owner: Person;
beforeAll(async () => {
  owner = await person('owner@example.com', 'uploader');
  signInAs({ ...owner, email: 'owner@example.com' });
});

const patch = (id: string, body: unknown) =>
  PATCH(new Request(`http://app.example/api/images/${id}`, { method: 'PATCH', body: JSON.stringify(body) }), {
    params: Promise.resolve({ id }),
  });

describe('PATCH /api/images/{id}', () => {
  it('refuses control characters with a 400 and leaves the image as it was', async () => {
    const img = await uploadAs(owner, 'harbour');
    for (const body of [
      { private: false, caption: 'x\u0000' },
      { private: false, title: 'x\u0000' },
      { title: 'bell\u0007' },
      { caption: 'del\u007f' },
    ]) {
      const res = await patch(img.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.message).toMatch(/Control characters/);
    }
    expect(await getImage(img.id)).toMatchObject({ title: 'harbour', private: 1, caption: '' });
    expect((await imagesClient().get(img.serviceId)).requireSignedURLs).toBe(true);
  });

  it('keeps tabs and new lines in a caption', async () => {
    const img = await uploadAs(owner, 'quay');
    expect((await patch(img.id, { caption: 'line one\n\tline two' })).status).toBe(200);
    expect((await getImage(img.id))?.caption).toBe('line one\n\tline two');
  });

  it('writes all of an edit or none of it, the service included, when the store refuses the text', async () => {
    const img = await uploadAs(owner, 'pier');
    // Past the schema on purpose: PostgreSQL refuses a NUL in text, SQLite stores it.
    const edit = { private: false, title: 'renamed', caption: 'x\u0000' };
    const failed = await updateImageFor(owner, img.id, edit).then(
      () => false,
      () => true,
    );
    expect(failed).toBe(engine === 'postgres');
    const row = await getImage(img.id);
    const service = await imagesClient().get(img.serviceId);
    if (failed) {
      expect(row).toMatchObject({ title: 'pier', private: 1, caption: '' });
      expect(service.requireSignedURLs).toBe(true);
    } else {
      expect(row).toMatchObject({ title: 'renamed', private: 0, caption: 'x\u0000' });
      expect(service.requireSignedURLs).toBe(false);
    }
  });
});
