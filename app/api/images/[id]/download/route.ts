// GET /api/images/{id}/download — the image as a named file: the original for its owner or an admin, the largest variant for anyone else signed in
import { apiRoute } from '@/lib/api/route';
import { requireUser } from '@/lib/auth/session';
import { downloadFor } from '@/lib/images/download';

export const GET = apiRoute(async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  return downloadFor(user, id);
});
