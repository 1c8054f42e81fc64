// GET /api/trash — the trash: your own deleted images (admins: everyone's)
import { apiRoute } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { trashFor } from '@/lib/images/trash';

export const GET = apiRoute(async () => {
  const user = await requireRole('uploader');
  return Response.json({ items: await trashFor(user) }, { headers: { 'cache-control': 'private, no-store' } });
});
