// POST /api/uploads — mint a one-time upload URL (uploader or admin)
import { parseJson, route } from '@/lib/api/errors';
import { requireRole } from '@/lib/auth/session';
import { mintUpload } from '@/lib/images/uploads';
import { uploadRequestSchema } from '@/lib/schemas/api';

export const POST = route(async (req) => {
  const user = await requireRole('uploader');
  const input = await parseJson(req, uploadRequestSchema);
  return Response.json(await mintUpload(user, input), { status: 201 });
});
