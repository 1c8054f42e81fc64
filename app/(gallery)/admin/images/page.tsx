import type { Metadata } from 'next';
import Link from 'next/link';
import { ImageFilters } from '@/components/admin/images/image-filters';
import { ImageTable } from '@/components/admin/images/image-table';
import type { OwnerOption } from '@/components/admin/images/types';
import { Pagination } from '@/components/admin/ui/pagination';
import { EmptyState } from '@/components/admin/ui/states';
import { requireAdminPage } from '@/lib/admin/guard';
import { adminImagePage } from '@/lib/admin/image-list';
import { canUpload } from '@/lib/auth/roles';
import { listUsers } from '@/lib/db/users';
import { adminImageQuerySchema, parseAdminImageQuery } from '@/lib/schemas/admin-images';

export const metadata: Metadata = { title: 'Images · Admin' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The query as given, minus what is empty: kept on the pagination and sort links. */
function currentParams(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const keys = Object.keys(adminImageQuerySchema.shape);
  return Object.fromEntries(
    Object.entries(raw).flatMap(([k, v]) => {
      const value = Array.isArray(v) ? v[0] : v;
      return keys.includes(k) && value ? [[k, value]] : [];
    }),
  );
}

export default async function AdminImagesPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdminPage();
  const raw = await searchParams;
  const parsed = adminImageQuerySchema.safeParse(currentParams(raw));
  if (!parsed.success) {
    return (
      <>
        <h1>Images</h1>
        <EmptyState
          title="These filters are not valid"
          action={
            <Link href="/admin/images" className="button">
              Show all images
            </Link>
          }
        >
          {parsed.error.issues[0]?.message ?? 'Check the filters.'}
        </EmptyState>
      </>
    );
  }
  const query = parseAdminImageQuery(raw);
  const [page, users] = await Promise.all([adminImagePage(admin, query), listUsers()]);
  const owners: OwnerOption[] = users.map((u) => ({
    id: u.id,
    label: u.name ? `${u.name} (${u.email})` : u.email,
    canOwn: canUpload(u) && u.disabled_at === null,
  }));
  const params = currentParams(raw);
  const filtered = Boolean(query.q || query.owner || query.from || query.to || query.visibility !== 'all');
  return (
    <>
      <h1>Images</h1>
      <ImageFilters query={query} owners={owners} deliveriesAvailable={page.deliveriesAvailable} />
      {page.total === 0 ? (
        <EmptyState
          title={filtered ? 'No image matches these filters' : 'No images yet'}
          action={
            filtered ? (
              <Link href="/admin/images" className="button">
                Clear filters
              </Link>
            ) : (
              <Link href="/upload" className="button button-primary">
                Upload images
              </Link>
            )
          }
        >
          {filtered ? 'Try a shorter search or a wider date range.' : 'Images anyone uploads appear here.'}
        </EmptyState>
      ) : (
        <>
          <ImageTable page={page} filter={query} params={params} owners={owners} />
          <Pagination
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            basePath="/admin/images"
            params={params}
            noun="images"
          />
        </>
      )}
    </>
  );
}
