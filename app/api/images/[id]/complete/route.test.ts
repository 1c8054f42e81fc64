/**
 * POST /api/images/{id}/complete on either engine: the browser's content hash is stored once, when
 * the upload finishes (or right after the webhook finished it), and never rewritten later, so an
 * owner cannot move an image into or out of a duplicate group after the fact.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { type Person, person, uploadAs } from '@/test/helpers/app-images';
import { jpeg } from '@/test/helpers/images';
import { postFile, startTestService, type TestService } from '@/test/helpers/service';

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
const { mintUpload } = await import('@/lib/images/uploads');
const { trashImageFor } = await import('@/lib/images/trash');
const { POST } = await import('./route');

let owner: Person;
beforeAll(async () => {
  owner = await person('owner@example.com', 'uploader');
  signInAs({ ...owner, email: 'owner@example.com' });
});

const hash = (c: string) => c.repeat(64);
const complete = (id: string, sha256: string) =>
  POST(
    new Request(`http://app.example/api/images/${id}/complete`, { method: 'POST', body: JSON.stringify({ sha256 }) }),
    {
      params: Promise.resolve({ id }),
    },
  );

describe('POST /api/images/{id}/complete', () => {
  it('stores the hash when the upload finishes and never rewrites it', async () => {
    const ticket = await mintUpload(owner, { filename: 'a.jpg', size: 1000, type: 'image/jpeg' });
    expect((await postFile(ticket.uploadURL, await jpeg(70, 50), 'a.jpg')).status).toBe(200);
    expect((await complete(ticket.id, hash('a'))).status).toBe(200);
    expect((await getImage(ticket.id))?.content_hash).toBe(hash('a'));

    expect((await complete(ticket.id, hash('b'))).status).toBe(200);
    expect((await getImage(ticket.id))?.content_hash).toBe(hash('a'));
  });

  it('stores it for an image the webhook finished first, but not for one in the trash', async () => {
    const finished = await uploadAs(owner, 'by-webhook'); // completed without a hash, as the webhook does
    expect((await complete(finished.id, hash('c'))).status).toBe(200);
    expect((await getImage(finished.id))?.content_hash).toBe(hash('c'));

    const trashed = await uploadAs(owner, 'trashed');
    await trashImageFor(owner, trashed.id);
    await complete(trashed.id, hash('d'));
    expect((await getImage(trashed.id))?.content_hash).toBeNull();
  });
});
