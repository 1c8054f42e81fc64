// POST /api/uploads — mint a one-time upload URL (uploader or admin)
import { apiRoute, parseJson } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { mintUpload } from '@/lib/images/uploads';
import { uploadRequestSchema } from '@/lib/schemas/api';

export const POST = apiRoute(async (req) => {
  const user = await requireRole('uploader');
  const input = await parseJson(req, uploadRequestSchema);
  return Response.json(await mintUpload(user, input), { status: 201 });
});
