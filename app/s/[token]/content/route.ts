// GET /s/{token}/content — an open share page's images signed afresh (their URLs live ~10 minutes), for
// anyone holding the token (and, for a password-protected link, the unlock cookie scoped to /s/{token}).
// Not a view: the page's visit counted one. Revoked, expired or emptied links answer 410.
import { cookies } from 'next/headers';
import { ApiError, notFound } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { SHARE_REFUSALS } from '@/lib/sharing/messages';
import { isUnlocked, unlockCookieName } from '@/lib/sharing/unlock';
import { lookUpShare, openShare } from '@/lib/sharing/visit';

const gone = (reason: keyof typeof SHARE_REFUSALS) => new ApiError(410, reason, SHARE_REFUSALS[reason].message);

export const GET = apiRoute(async (_req, ctx: { params: Promise<{ token: string }> }) => {
  const { token } = await ctx.params;
  const found = await lookUpShare(token);
  if (found.state === 'unknown') throw notFound('Share link');
  if (found.state !== 'live') throw gone(found.state);
  const { link } = found;
  if (link.password_hash !== null && !isUnlocked(link.id, (await cookies()).get(unlockCookieName(link.id))?.value))
    throw new ApiError(401, 'locked', 'This link needs its password: reload the page to enter it.');
  const content = await openShare(link, Date.now(), { countView: false });
  if (!content) throw gone('unavailable');
  return Response.json(content, {
    headers: { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' },
  });
});
