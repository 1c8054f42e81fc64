// POST /api/images/{id}/link — a signed link for one variant with a chosen lifetime (owner or admin)
import { apiRoute, parseJson } from '@/lib/api/route';
import { requireUser } from '@/lib/auth/session';
import { signedLinkFor } from '@/lib/images/manage';
import { linkRequestSchema } from '@/lib/schemas/api';

export const POST = apiRoute(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  return Response.json(await signedLinkFor(user, id, await parseJson(req, linkRequestSchema)));
});
