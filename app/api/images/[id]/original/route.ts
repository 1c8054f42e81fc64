// GET /api/images/{id}/original — download the stored original (owner or admin)
import { apiRoute } from '@/lib/api/route';
import { requireUser } from '@/lib/auth/session';
import { originalFor } from '@/lib/images/manage';

export const GET = apiRoute(async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  return originalFor(user, id);
});
