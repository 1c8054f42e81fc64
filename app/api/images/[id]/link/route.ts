// POST /api/images/{id}/link — a signed link for one variant with a chosen lifetime
import { parseJson, route } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/session';
import { loadImage } from '@/lib/images/gallery';
import { signedLink } from '@/lib/images/urls';
import { linkRequestSchema } from '@/lib/schemas/api';

export const POST = route(async (req, ctx: { params: Promise<{ id: string }> }) => {
  await requireUser();
  const { id } = await ctx.params;
  const { variant, ttlSeconds } = await parseJson(req, linkRequestSchema);
  const row = loadImage(id);
  const link = signedLink(row.cf_id ?? '', variant, ttlSeconds);
  return Response.json({ url: link.url, expiresAt: new Date(link.expiresAt * 1000).toISOString() });
});
