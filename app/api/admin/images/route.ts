// GET /api/admin/images — one page of every image, filtered and sorted (admins only)

import { requireAdmin } from '@/lib/admin/guard';
import { adminImagePage } from '@/lib/admin/image-list';
import { apiRoute } from '@/lib/api/route';
import { parseAdminImageQuery } from '@/lib/schemas/admin-images';

export const GET = apiRoute(async (req) => {
  const admin = await requireAdmin();
  const query = parseAdminImageQuery(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await adminImagePage(admin, query), { headers: { 'cache-control': 'private, no-store' } });
});
