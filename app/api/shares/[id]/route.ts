// DELETE /api/shares/{id} — revoke a share link at once (its creator, the owner of what it shares, or an admin)
import { apiRoute } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { revokeShareLinkFor } from '@/lib/sharing/manage';

export const DELETE = apiRoute(async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireRole('uploader');
  const { id } = await ctx.params;
  await revokeShareLinkFor(user, id);
  return new Response(null, { status: 204 });
});
