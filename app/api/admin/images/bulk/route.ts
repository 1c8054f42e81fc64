// POST /api/admin/images/bulk — delete, make private/public or change owner of many images (admins only)

import { requireAdmin } from '@/lib/admin/guard';
import { bulkImages } from '@/lib/admin/image-bulk';
import { apiRoute, parseJson } from '@/lib/api/route';
import { bulkImagesSchema } from '@/lib/schemas/admin-images';

export const POST = apiRoute(async (req) => {
  const admin = await requireAdmin();
  return Response.json(await bulkImages(admin, await parseJson(req, bulkImagesSchema)));
});
