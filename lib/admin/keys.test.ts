/** Key rotation on a real (in-process) image service: nothing breaks on rotate; deleting waits, or breaks on request. */
import { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { jpeg } from '@/test/helpers/images';
import { startTestService, type TestService } from '@/test/helpers/service';

vi.mock('server-only', () => ({}));

let t: TestService;
let serviceId: string;
let admin: { id: string; role: 'admin' };

beforeAll(async () => {
  t = await startTestService();
  stubAppEnv(t);
  const { createUser } = await import('@/lib/db/users');
  admin = {
    id: (await createUser({ email: 'keys@example.com', passwordHash: null, role: 'admin' })).id,
    role: 'admin',
  };
  const image = await t.cf.images.v1.create({
    account_id: t.accountId,
    file: await toFile(await jpeg(80, 60), 'k.jpg'),
    requireSignedURLs: true,
  });
  serviceId = image.id ?? '';
});
afterAll(() => t.stop());

const { listKeys, rotateKey, deleteKey, revealKey, rotationLimits } = await import('./keys');
const { signingKey } = await import('@/lib/images/signing-keys');
const { signedLink } = await import('@/lib/images/urls');
const { getDb } = await import('@/lib/db/index');

const HOUR = 3_600_000;
/** A link as the app signs it at `nowMs` (an hour's validity, real time, so the service accepts it). */
async function link(nowMs: number): Promise<string> {
  return signedLink(serviceId, 'public', 3600, Date.now(), await signingKey(nowMs)).url;
}
const status = async (url: string) => (await fetch(url)).status;
const auditActions = async () =>
  (await (await getDb()).selectFrom('audit_log').select('action').where('actor_id', '=', admin.id).execute()).map(
    (r) => r.action,
  );

describe('signing key rotation', () => {
  it('signs with the new key at once, keeps old links working, and deletes the old key only with consent', async () => {
    const start = Date.now();
    const [first] = await listKeys(admin, start);
    expect(first).toMatchObject({ name: 'default', signing: true, configured: true, verdict: { kind: 'signing-key' } });
    const oldLink = await link(start);
    expect(await status(oldLink)).toBe(200);

    // Rotating in the very millisecond the first key was seen: the new key still counts as newer.
    const name = await rotateKey(admin, start);
    const rotatedAt = start + 1;
    const newLink = await link(rotatedAt);
    expect(newLink).not.toBe(oldLink);
    expect(await status(newLink)).toBe(200);
    expect(await status(oldLink)).toBe(200);

    const keys = await listKeys(admin, rotatedAt);
    const old = keys.find((k) => k.name === 'default');
    expect(keys.find((k) => k.name === name)?.signing).toBe(true);
    const { longestLinkMs, keyCacheMs } = rotationLimits();
    expect(old?.verdict).toEqual({ kind: 'breaks-links', safeAtMs: rotatedAt + keyCacheMs + longestLinkMs });

    // Without the confirmation nothing happens, and the old link still works.
    await expect(deleteKey(admin, old?.fingerprint ?? '', false, start + HOUR)).rejects.toMatchObject({ status: 409 });
    expect(await status(oldLink)).toBe(200);

    expect(await deleteKey(admin, old?.fingerprint ?? '', true, start + HOUR)).toEqual({
      name: 'default',
      brokeLinks: true,
    });
    expect(await status(oldLink)).toBe(403);
    expect(await status(await link(start + HOUR))).toBe(200);
    expect(await auditActions()).toEqual(expect.arrayContaining(['signing_key.rotated', 'signing_key.deleted']));
  });

  it('allows deleting an old key without confirmation once the longest link lifetime has passed', async () => {
    const rotatedAt = Date.now() + 10 * HOUR;
    const before = (await listKeys(admin, rotatedAt)).find((k) => k.signing);
    await rotateKey(admin, rotatedAt);
    const { longestLinkMs, keyCacheMs } = rotationLimits();
    const later = rotatedAt + keyCacheMs + longestLinkMs;
    const verdict = (await listKeys(admin, later)).find((k) => k.fingerprint === before?.fingerprint)?.verdict;
    expect(verdict).toEqual({ kind: 'safe' });
    expect(await deleteKey(admin, before?.fingerprint ?? '', false, later)).toMatchObject({ brokeLinks: false });
  });

  it('reveals a value to admins only, and refuses everyone else', async () => {
    const key = (await listKeys(admin)).find((k) => k.signing);
    expect(await revealKey(admin, key?.fingerprint ?? '')).toBe(await signingKey());
    const uploader = { id: 'someone', role: 'uploader' as const };
    await expect(revealKey(uploader, key?.fingerprint ?? '')).rejects.toMatchObject({ status: 403 });
    await expect(rotateKey(uploader)).rejects.toMatchObject({ status: 403 });
    await expect(listKeys(uploader)).rejects.toMatchObject({ status: 403 });
  });
});
