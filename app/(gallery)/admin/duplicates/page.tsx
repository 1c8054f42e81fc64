import type { Metadata } from 'next';
import { DuplicateGroups } from '@/components/admin/duplicates/duplicate-groups';
import { duplicateGroupsFor } from '@/lib/admin/duplicates';
import { requireAdminPage } from '@/lib/admin/guard';

export const metadata: Metadata = { title: 'Duplicates · Admin' };

export default async function AdminDuplicatesPage() {
  const admin = await requireAdminPage();
  const groups = await duplicateGroupsFor(admin);
  return (
    <>
      <h1>Duplicates</h1>
      <p className="muted">
        Images uploaded with the same content (the same file, byte for byte, as the uploader's browser read it), largest
        groups first. Trashed images are not counted.
      </p>
      <DuplicateGroups groups={groups} />
    </>
  );
}
