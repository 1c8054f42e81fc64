import type { Metadata } from 'next';
import { KeyTable } from '@/components/admin/keys/key-table';
import { RotateKeyButton } from '@/components/admin/keys/rotate-key-button';
import { requireAdminPage } from '@/lib/admin/guard';
import { listKeys, rotationLimits } from '@/lib/admin/keys';
import { appEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Signing keys · Admin' };

export default async function KeysPage() {
  const admin = await requireAdminPage();
  const keys = await listKeys(admin);
  const { longestLinkMs } = rotationLimits();
  const backend = appEnv().backend === 'cloudflare' ? 'Cloudflare Images' : 'the embedded image service';
  return (
    <>
      <h1>Signing keys</h1>
      <p className="muted">
        Private images are served only through URLs signed with one of these keys ({backend}, <code>v1/keys</code>). The
        app signs new URLs with the newest key; the image service accepts any current key, so a rotation breaks no link.
        Deleting a key ends every link signed with it; the console allows that freely only once the longest link
        lifetime ({Math.round(longestLinkMs / 86_400_000)} days, shared links included) has passed since a newer key
        took over.
      </p>
      <RotateKeyButton />
      <KeyTable keys={keys} />
    </>
  );
}
