// GET /api/albums?imageId= — every album with its cover (any signed-in user); POST — create one (uploaders and admins)

import { createAlbumFor } from '@/lib/albums/manage';
import { albumSummaries } from '@/lib/albums/read';
import { apiRoute, parseJson } from '@/lib/api/route';
import { requireRole, requireUser } from '@/lib/auth/session';
import { albumCreateSchema, albumListQuerySchema } from '@/lib/schemas/albums';

export const GET = apiRoute(async (req) => {
  const user = await requireUser();
  const q = albumListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await albumSummaries(user, q), { headers: { 'cache-control': 'private, no-store' } });
});

export const POST = apiRoute(async (req) => {
  const user = await requireRole('uploader');
  const { title } = await parseJson(req, albumCreateSchema);
  const album = await createAlbumFor(user, title);
  return Response.json({ id: album.id, title: album.title }, { status: 201 });
});
