// GET /s/{token}/content — an open share page's images signed afresh (their URLs live ~10 minutes), for
// anyone holding the token (and, for a password-protected link, the unlock cookie scoped to /s/{token}).
// Not a view: the page's visit counted one. Revoked, expired or emptied links answer 410.
import { cookies } from 'next/headers';
import { ApiError, notFound } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { SHARE_REFUSALS } from '@/lib/sharing/messages';
import { visitShare } from '@/lib/sharing/visit';

export const GET = apiRoute(async (_req, ctx: { params: Promise<{ token: string }> }) => {
  const { token } = await ctx.params;
  const visit = await visitShare(token, async (name) => (await cookies()).get(name)?.value, { countView: false });
  if (visit.state === 'unknown') throw notFound('Share link');
  if (visit.state === 'locked')
    throw new ApiError(401, 'locked', 'This link needs its password: reload the page to enter it.');
  if (visit.state !== 'open') throw new ApiError(410, visit.state, SHARE_REFUSALS[visit.state].message);
  return Response.json(visit.content, {
    headers: { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' },
  });
});
