// POST /api/trash/{id}/restore — back to the library (owner or admin)
import { apiRoute } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { restoreImageFor } from '@/lib/images/trash';

export const POST = apiRoute(async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireRole('uploader');
  await restoreImageFor(user, (await ctx.params).id);
  return new Response(null, { status: 204 });
});
