// POST /api/images/{id}/complete — the browser finished sending the bytes; record the image
import { apiRoute } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { completeForUser } from '@/lib/images/uploads';

export const POST = apiRoute(async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireRole('uploader');
  const { id } = await ctx.params;
  const state = await completeForUser(user, id);
  const status = state === 'ready' ? 200 : state === 'pending' ? 202 : 410;
  return Response.json({ state }, { status });
});
