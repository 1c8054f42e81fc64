// GET /api/tags — the most used tags, for the gallery's tag chips (any signed-in user)
import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { requireUser } from '@/lib/auth/session';
import { popularTags } from '@/lib/db/image-text';

const querySchema = z.object({
  filter: z.enum(['all', 'mine']).default('all'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const GET = apiRoute(async (req) => {
  const user = await requireUser();
  const q = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const tags = await popularTags({ ownerId: q.filter === 'mine' ? user.id : undefined, limit: q.limit });
  return Response.json({ tags }, { headers: { 'cache-control': 'private, no-store' } });
});
