// POST /api/albums/{id}/images — add images; DELETE — remove them from the album (owner or admin)

import { addImagesFor, removeImagesFor } from '@/lib/albums/manage';
import { apiRoute, parseJson } from '@/lib/api/route';
import { requireUser } from '@/lib/auth/session';
import { albumImagesSchema } from '@/lib/schemas/albums';

type Ctx = { params: Promise<{ id: string }> };

export const POST = apiRoute(async (req, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  const { imageIds } = await parseJson(req, albumImagesSchema);
  return Response.json({ added: await addImagesFor(user, id, imageIds) });
});

export const DELETE = apiRoute(async (req, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  const { imageIds } = await parseJson(req, albumImagesSchema);
  return Response.json({ removed: await removeImagesFor(user, id, imageIds) });
});
