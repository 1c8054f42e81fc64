// GET /api/admin/images/{id} — the image's metadata; PATCH — title and/or metadata (admins only)
import { requireAdmin } from '@/lib/admin/guard';
import { editImage, imageMetadataFor } from '@/lib/admin/images';
import { apiRoute, parseJson } from '@/lib/api/route';
import { adminImageEditSchema } from '@/lib/schemas/admin-images';

type Ctx = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (_req, ctx: Ctx) => {
  const admin = await requireAdmin();
  const { id } = await ctx.params;
  return Response.json(await imageMetadataFor(admin, id), { headers: { 'cache-control': 'private, no-store' } });
});

export const PATCH = apiRoute(async (req, ctx: Ctx) => {
  const admin = await requireAdmin();
  const { id } = await ctx.params;
  await editImage(admin, id, await parseJson(req, adminImageEditSchema));
  return new Response(null, { status: 204 });
});
