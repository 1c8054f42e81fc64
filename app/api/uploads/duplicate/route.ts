// GET /api/uploads/duplicate?sha256= — is a file with this content already in the library? (uploaders)
import { apiRoute } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { findByContentHash } from '@/lib/db/duplicates';
import { type DuplicateAnswer, duplicateQuerySchema } from '@/lib/schemas/trash';

export const GET = apiRoute(async (req) => {
  await requireRole('uploader');
  const { sha256 } = duplicateQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const found = await findByContentHash(sha256);
  const answer: DuplicateAnswer = { match: found ? { id: found.id, title: found.title } : null };
  return Response.json(answer, { headers: { 'cache-control': 'private, no-store' } });
});
