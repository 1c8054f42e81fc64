// POST /api/images/{id}/complete — the browser finished sending the bytes; record the image
// (optional JSON body `{ sha256 }`: the file's content hash, kept for duplicate warnings)
import { apiRoute } from '@/lib/api/route';
import { requireRole } from '@/lib/auth/session';
import { setContentHash } from '@/lib/db/duplicates';
import { completeForUser } from '@/lib/images/uploads';
import { completionBodySchema } from '@/lib/schemas/trash';

async function contentHash(req: Request): Promise<string | undefined> {
  const text = await req.text();
  if (text.trim() === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return completionBodySchema.parse(body).sha256;
}

export const POST = apiRoute(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireRole('uploader');
  const { id } = await ctx.params;
  const sha256 = await contentHash(req);
  const state = await completeForUser(user, id);
  // Trusted as the browser sent it: see README "Duplicates" for why the service cannot verify it.
  if (sha256 && state !== 'gone') await setContentHash(id, sha256);
  const status = state === 'ready' ? 200 : state === 'pending' ? 202 : 410;
  return Response.json({ state }, { status });
});
