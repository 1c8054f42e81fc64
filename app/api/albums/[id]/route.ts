// GET /api/albums/{id} — the album and its images, signed (any signed-in user);
// PATCH — rename / set the cover; DELETE — delete it, keeping the images (owner or admin)

import { deleteAlbumFor, updateAlbumFor } from '@/lib/albums/manage';
import { albumDetail } from '@/lib/albums/read';
import { apiRoute, parseJson } from '@/lib/api/route';
import { requireUser } from '@/lib/auth/session';
import { albumUpdateSchema } from '@/lib/schemas/albums';

type Ctx = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (_req, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  return Response.json(await albumDetail(user, id), { headers: { 'cache-control': 'private, no-store' } });
});

export const PATCH = apiRoute(async (req, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  await updateAlbumFor(user, id, await parseJson(req, albumUpdateSchema));
  return Response.json(await albumDetail(user, id));
});

export const DELETE = apiRoute(async (_req, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  await deleteAlbumFor(user, id);
  return new Response(null, { status: 204 });
});
