// POST /api/uploads/batch — mint one-time upload URLs for up to 50 files at once (uploader or admin)
import { apiRoute, parseJson } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { mintUploads } from '@/lib/images/uploads';
import { type UploadBatchResponse, uploadBatchSchema } from '@/lib/schemas/api';

export const POST = apiRoute(async (req) => {
  const user = await requireRole('uploader');
  const { files } = await parseJson(req, uploadBatchSchema);
  const body: UploadBatchResponse = { files: await mintUploads(user, files) };
  return Response.json(body, { status: 201 });
});
