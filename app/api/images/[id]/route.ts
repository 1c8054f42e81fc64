// GET /api/images/{id} — details; PATCH — title / visibility / caption / tags; DELETE — remove (owner or admin)
import { apiRoute, parseJson } from '@/lib/api/route';
import { requireUser } from '@/lib/auth/session';
import { deleteImageFor, updateImageFor } from '@/lib/images/manage';
import { imageDetail } from '@/lib/images/read';
import { imageUpdateSchema } from '@/lib/schemas/api';

type Ctx = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (_req, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  return Response.json(await imageDetail(user, id), { headers: { 'cache-control': 'private, no-store' } });
});

export const PATCH = apiRoute(async (req, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  await updateImageFor(user, id, await parseJson(req, imageUpdateSchema));
  return Response.json(await imageDetail(user, id));
});

export const DELETE = apiRoute(async (_req, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  await deleteImageFor(user, id);
  return new Response(null, { status: 204 });
});
