// DELETE /api/trash/{id} — delete a trashed image forever (owner or admin)
import { apiRoute } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { purgeImageFor } from '@/lib/images/trash';

export const DELETE = apiRoute(async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireRole('uploader');
  await purgeImageFor(user, (await ctx.params).id);
  return new Response(null, { status: 204 });
});
