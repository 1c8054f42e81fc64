// GET /api/images — one gallery page with signed variant URLs (any signed-in user)
import { apiRoute } from '@/lib/api/route';
import { requireUser } from '@/lib/auth/session';
import { galleryPage } from '@/lib/images/read';
import { listQuerySchema } from '@/lib/schemas/api';

export const GET = apiRoute(async (req) => {
  const user = await requireUser();
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const q = listQuerySchema.parse(params);
  const page = await galleryPage(user, {
    cursor: q.cursor,
    filter: q.filter,
    search: q.q,
    sort: q.sort,
    tag: q.tag,
    limit: q.limit,
  });
  return Response.json(page, { headers: { 'cache-control': 'private, no-store' } });
});
