// GET /api/shares?imageId=|albumId= — share links (own, or of a managed image/album; admins: all);
// POST — create one for an image or album (its owner or an admin). Viewers share nothing: 403.
import { apiRoute, parseJson } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { shareCreateSchema, shareListQuerySchema } from '@/lib/schemas/shares';
import { createShareLinkFor, listShareLinksFor } from '@/lib/sharing/manage';

export const GET = apiRoute(async (req) => {
  const user = await requireRole('uploader');
  const q = shareListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listShareLinksFor(user, q), { headers: { 'cache-control': 'private, no-store' } });
});

export const POST = apiRoute(async (req) => {
  const user = await requireRole('uploader');
  const link = await createShareLinkFor(user, await parseJson(req, shareCreateSchema));
  // The URL holds the token: shown this once, never cached.
  return Response.json(link, { status: 201, headers: { 'cache-control': 'no-store' } });
});
