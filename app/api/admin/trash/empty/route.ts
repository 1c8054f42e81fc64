// POST /api/admin/trash/empty — delete every trashed image forever (admins only)
import { requireAdmin } from '@/lib/admin/guard';
import { apiRoute } from '@/lib/api/route';
import { emptyTrash } from '@/lib/images/trash';

export const POST = apiRoute(async () => {
  const admin = await requireAdmin();
  return Response.json({ purged: await emptyTrash(admin) });
});
