// POST /api/images/{id}/complete — the browser finished sending the bytes; record the image
// (optional JSON body `{ sha256 }`: the file's content hash, kept for duplicate warnings)
import { readJsonBodyOrNull } from '@/lib/api/body';
import { apiRoute } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { setContentHash } from '@/lib/db/duplicates';
import { completeForUser } from '@/lib/images/uploads';
import { completionBodySchema } from '@/lib/schemas/trash';

/** The optional `{ sha256 }` body: a few dozen bytes, so anything over 4 KB is refused unread (413). */
async function contentHash(req: Request): Promise<string | undefined> {
  const body = await readJsonBodyOrNull(req, 4096);
  return body === undefined ? undefined : completionBodySchema.parse(body).sha256;
}

export const POST = apiRoute(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireRole('uploader');
  const { id } = await ctx.params;
  const sha256 = await contentHash(req);
  const state = await completeForUser(user, id);
  // Trusted as the browser sent it (README "Duplicates": the service cannot verify it), but only the
  // first one is kept, so an owner cannot later move an image into or out of a duplicate group.
  if (sha256 && state !== 'gone') await setContentHash(id, sha256);
  const status = state === 'ready' ? 200 : state === 'pending' ? 202 : 410;
  return Response.json({ state }, { status });
});
