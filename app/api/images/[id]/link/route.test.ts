/** Signed links hand out access to a private image: only its owner or an admin may create one. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import { stubAppEnv } from '@/test/helpers/app-env';

vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
stubAppEnv();

const { signInAs } = await import('@/test/helpers/session');
const { createUser } = await import('@/lib/db/users');
const { insertPendingImage, markReady, setServiceId } = await import('@/lib/db/images');
const { POST } = await import('./route');

type Person = { id: string; email: string; role: Role };
const add = async (email: string, role: Role): Promise<Person> => ({
  id: (await createUser({ email, passwordHash: null, role })).id,
  email,
  role,
});
let people: Record<'owner' | 'otherUploader' | 'viewer' | 'admin', Person>;

beforeAll(async () => {
  people = {
    owner: await add('owner@example.com', 'uploader'),
    otherUploader: await add('other@example.com', 'uploader'),
    viewer: await add('viewer@example.com', 'viewer'),
    admin: await add('admin@example.com', 'admin'),
  };
  await insertPendingImage({ recordId: 'private-1', ownerId: people.owner.id, title: 't', filename: 't.jpg' });
  await setServiceId('private-1', 'svc-1');
  await markReady('private-1', {
    width: 10,
    height: 10,
    bytes: 1,
    contentType: 'image/jpeg',
    placeholder: null,
    filename: null,
  });
  await insertPendingImage({ recordId: 'pending-1', ownerId: people.owner.id, title: 'p', filename: 'p.jpg' });
  await setServiceId('pending-1', 'svc-2');
});

function requestLink(recordId: string) {
  const req = new Request(`http://app.example/api/images/${recordId}/link`, {
    method: 'POST',
    headers: { host: 'app.example', origin: 'http://app.example', 'content-type': 'application/json' },
    body: JSON.stringify({ variant: 'desktop', ttlSeconds: 3600 }),
  });
  return POST(req, { params: Promise.resolve({ id: recordId }) });
}

describe('POST /api/images/{id}/link', () => {
  it('gives the owner and admins a signed link', async () => {
    for (const who of [people.owner, people.admin]) {
      signInAs(who);
      const res = await requestLink('private-1');
      expect(res.status, who.email).toBe(200);
      const body = (await res.json()) as { url: string; expiresAt: string };
      expect(new URL(body.url).pathname).toBe('/HASH/svc-1/desktop');
      expect(new URL(body.url).searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses viewers and other uploaders with a 403, and the signed-out with a 401', async () => {
    for (const who of [people.viewer, people.otherUploader]) {
      signInAs(who);
      const res = await requestLink('private-1');
      expect(res.status, who.email).toBe(403);
      expect(JSON.stringify(await res.json())).not.toContain('sig=');
    }
    signInAs(null);
    expect((await requestLink('private-1')).status).toBe(401);
  });

  it('has no link for an upload that never finished, or an unknown image', async () => {
    signInAs(people.owner);
    expect((await requestLink('pending-1')).status).toBe(404);
    expect((await requestLink('nothing')).status).toBe(404);
  });
});
