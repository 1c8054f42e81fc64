import type { Metadata } from 'next';
import { AccountSettingsForm } from '@/components/admin/variants/account-settings-form';
import { VariantsManager } from '@/components/admin/variants/variants-manager';
import { requireAdminPage } from '@/lib/admin/guard';
import { previewCandidates } from '@/lib/admin/variant-preview';
import { accountSettings, listVariants } from '@/lib/admin/variants';

export const metadata: Metadata = { title: 'Variants · Admin' };

export default async function VariantsPage() {
  const admin = await requireAdminPage();
  const [variants, settings, images] = await Promise.all([
    listVariants(admin),
    accountSettings(admin),
    previewCandidates(admin),
  ]);
  return (
    <>
      <h1>Variants</h1>
      <p className="muted">
        A variant is a named size an image is delivered in. The gallery uses <code>thumbnail</code>, <code>mobile</code>{' '}
        and <code>desktop</code>, and every account has <code>public</code>: the app sets those at every start, so they
        are read-only here. Your own variants can be added, changed and deleted.
      </p>
      <VariantsManager variants={variants} images={images} />
      <AccountSettingsForm settings={settings} />
    </>
  );
}
