/** Variants through the image API: the admin's own are editable, the app's are not, `public` is the service's to refuse; previews measure each format. */
import { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { jpeg } from '@/test/helpers/images';
import { startTestService, type TestService } from '@/test/helpers/service';

vi.mock('server-only', () => ({}));

let t: TestService;
let admin: { id: string; role: 'admin' };

beforeAll(async () => {
  t = await startTestService();
  stubAppEnv(t);
  const { createUser } = await import('@/lib/db/users');
  admin = { id: (await createUser({ email: 'v@example.com', passwordHash: null, role: 'admin' })).id, role: 'admin' };
  const { ensureVariants } = await import('@/lib/images/variants');
  const { imagesClient } = await import('@/lib/images/client');
  await ensureVariants(imagesClient());
});
afterAll(() => t.stop());

const { listVariants, createVariant, updateVariant, deleteVariant, accountSettings, updateAccountSettings } =
  await import('./variants');
const { variantPreview } = await import('./variant-preview');
const { getDb } = await import('@/lib/db/index');

const form = (id: string, width: number) => ({
  id,
  fit: 'scale-down' as const,
  width,
  height: undefined,
  metadata: 'none' as const,
  neverRequireSignedURLs: false,
});
const audited = async (action: string) =>
  (await (await getDb()).selectFrom('audit_log').select('target').where('action', '=', action).execute()).map(
    (r) => r.target,
  );

describe('console variants', () => {
  it('creates, changes and deletes the admin’s own variant, each audited', async () => {
    await createVariant(admin, form('banner', 300));
    expect((await listVariants(admin)).find((v) => v.id === 'banner')).toMatchObject({
      options: { width: 300 },
      lockedBecause: null,
    });
    await updateVariant(admin, form('banner', 500));
    expect((await listVariants(admin)).find((v) => v.id === 'banner')?.options.width).toBe(500);
    await deleteVariant(admin, 'banner');
    expect((await listVariants(admin)).some((v) => v.id === 'banner')).toBe(false);
    for (const action of ['variant.created', 'variant.updated', 'variant.deleted'])
      expect(await audited(action)).toContain('banner');
  });

  it('refuses to change or delete the app’s own variants, and relays the service’s refusal for public', async () => {
    const locked = (await listVariants(admin)).filter((v) => v.lockedBecause).map((v) => v.id);
    expect(locked.sort()).toEqual([
      'desktop',
      'large',
      'mobile',
      'placeholder',
      'public',
      'thumbnail',
      'tile200',
      'tile300',
      'tile450',
      'tile675',
    ]);
    await expect(deleteVariant(admin, 'tile675')).rejects.toMatchObject({ status: 409, code: 'variant_locked' });
    await expect(deleteVariant(admin, 'thumbnail')).rejects.toMatchObject({ status: 409, code: 'variant_locked' });
    await expect(updateVariant(admin, form('mobile', 10))).rejects.toMatchObject({ code: 'variant_locked' });
    await expect(deleteVariant(admin, 'public')).rejects.toMatchObject({
      code: 'image_service_refused',
      message: expect.stringContaining('"public" variant cannot be deleted'),
    });
    expect((await listVariants(admin)).map((v) => v.id)).toEqual(expect.arrayContaining(locked));
  });

  it('relays the service’s refusal of a duplicate name', async () => {
    await createVariant(admin, form('dup', 100));
    await expect(createVariant(admin, form('dup', 100))).rejects.toMatchObject({ status: 409 });
    await deleteVariant(admin, 'dup');
  });

  it('reads and changes the account settings (audited)', async () => {
    await updateAccountSettings(admin, { flexible_variants: true, browser_ttl: 7200 });
    expect(await accountSettings(admin)).toEqual({ flexible_variants: true, browser_ttl: 7200 });
    expect(await audited('images_config.updated')).toHaveLength(1);
  });

  it('refuses everyone but admins', async () => {
    const viewer = { id: 'v', role: 'viewer' as const };
    await expect(listVariants(viewer)).rejects.toMatchObject({ status: 403 });
    await expect(createVariant(viewer, form('sneaky', 10))).rejects.toMatchObject({ status: 403 });
  });
});

describe('variant preview', () => {
  it('renders the chosen image in the variant and reports each format’s size', async () => {
    const image = await t.cf.images.v1.create({
      account_id: t.accountId,
      file: await toFile(await jpeg(900, 600), 'p.jpg'),
      requireSignedURLs: true,
    });
    const { insertPendingImage, setServiceId, markReady } = await import('@/lib/db/images');
    await insertPendingImage({ recordId: 'rec-preview', ownerId: admin.id, title: 'Preview me', filename: 'p.jpg' });
    await setServiceId('rec-preview', image.id ?? '');
    await markReady('rec-preview', {
      width: 900,
      height: 600,
      bytes: 1234,
      contentType: 'image/jpeg',
      placeholder: null,
      filename: null,
    });
    await createVariant(admin, { ...form('card', 300), fit: 'cover', height: 300 });

    const p = await variantPreview(admin, 'card', 'rec-preview');
    expect(p.output).toEqual({ width: 300, height: 300 });
    expect(p.sizes.map((s) => s.contentType)).toEqual(['image/avif', 'image/webp', 'image/jpeg']);
    for (const s of p.sizes) expect(s.bytes).toBeGreaterThan(0);
    expect((await fetch(p.variantUrl)).status).toBe(200);
    await expect(variantPreview(admin, 'nope', 'rec-preview')).rejects.toMatchObject({ status: 404 });
  });
});
