import 'server-only';
/**
 * The console's named variants and account settings, through the image API. The app's own variants
 * (lib/schemas/variant.ts: the gallery's and `public`) are read-only here: the app sets them at start
 * and its pages depend on them, so they cannot be changed or deleted from the console — except that
 * a delete of `public` is left to the service, which refuses it and says why.
 */
import { ApiError } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/roles';
import { PUBLIC_VARIANT } from '@/lib/cloudflare-images/variants';
import { audit } from '@/lib/db/audit';
import { type AccountConfig, imagesClient, type VariantDefinition } from '@/lib/images/client';
import type { VariantForm } from '@/lib/schemas/admin-variants';
import { APP_VARIANTS } from '@/lib/schemas/variant';
import { assertAdmin } from './guard';
import { withServiceRefusals } from './service-refusal';

export interface ConsoleVariant extends VariantDefinition {
  /** Why the console will not change or delete it; null: an admin's own variant. */
  lockedBecause: string | null;
}

const GALLERY_LOCK = "Used by the app's own pages (gallery, image page); the app sets it at every start.";
const PUBLIC_LOCK =
  "The account's built-in variant: the image service refuses to delete it, and the app sets it at every start.";

export function lockReason(id: string): string | null {
  if (id === PUBLIC_VARIANT.id) return PUBLIC_LOCK;
  return (APP_VARIANTS as readonly string[]).includes(id) ? GALLERY_LOCK : null;
}

export async function listVariants(admin: Actor): Promise<ConsoleVariant[]> {
  assertAdmin(admin);
  const variants = await withServiceRefusals(() => imagesClient().listVariants());
  const locked = (v: ConsoleVariant) => (v.lockedBecause ? 0 : 1);
  return Object.values(variants)
    .map((v) => ({ ...v, lockedBecause: lockReason(v.id) }))
    .sort((a, b) => locked(a) - locked(b) || a.id.localeCompare(b.id));
}

function definition(form: VariantForm): VariantDefinition {
  const options: VariantDefinition['options'] = { fit: form.fit, metadata: form.metadata };
  if (form.width !== undefined) options.width = form.width;
  if (form.height !== undefined) options.height = form.height;
  return { id: form.id, options, neverRequireSignedURLs: form.neverRequireSignedURLs };
}

function refuseLocked(id: string, verb: string): void {
  // `public` is the service's to refuse (and say why); the gallery's are the console's.
  if (lockReason(id) && !(verb === 'delete' && id === PUBLIC_VARIANT.id)) {
    throw new ApiError(409, 'variant_locked', `"${id}" cannot be ${verb}d from the console: ${lockReason(id)}`);
  }
}

export async function createVariant(admin: Actor, form: VariantForm): Promise<void> {
  assertAdmin(admin);
  refuseLocked(form.id, 'create');
  const v = definition(form);
  await withServiceRefusals(() => imagesClient().createVariant(v));
  await audit(admin.id, 'variant.created', v.id, {
    options: v.options,
    neverRequireSignedURLs: v.neverRequireSignedURLs,
  });
}

export async function updateVariant(admin: Actor, form: VariantForm): Promise<void> {
  assertAdmin(admin);
  refuseLocked(form.id, 'update');
  const before = (await withServiceRefusals(() => imagesClient().listVariants()))[form.id];
  if (!before) throw new ApiError(404, 'not_found', `Variant "${form.id}" not found.`);
  const v = definition(form);
  await withServiceRefusals(() => imagesClient().updateVariant(v));
  await audit(admin.id, 'variant.updated', v.id, {
    before: { options: before.options, neverRequireSignedURLs: Boolean(before.neverRequireSignedURLs) },
    after: { options: v.options, neverRequireSignedURLs: v.neverRequireSignedURLs },
  });
}

export async function deleteVariant(admin: Actor, id: string): Promise<void> {
  assertAdmin(admin);
  refuseLocked(id, 'delete');
  await withServiceRefusals(() => imagesClient().deleteVariant(id));
  await audit(admin.id, 'variant.deleted', id);
}

export async function accountSettings(admin: Actor): Promise<AccountConfig> {
  assertAdmin(admin);
  const c = await withServiceRefusals(() => imagesClient().getConfig());
  return { flexible_variants: c.flexible_variants, browser_ttl: c.browser_ttl };
}

export async function updateAccountSettings(admin: Actor, changes: AccountConfig): Promise<void> {
  assertAdmin(admin);
  const before = await accountSettings(admin);
  await withServiceRefusals(() => imagesClient().patchConfig(changes));
  await audit(admin.id, 'images_config.updated', null, { before, after: changes });
}
