/** Why a share link shows nothing, in words: the same on the 410 page the proxy answers and on the share page. */
export type ShareRefusal = 'revoked' | 'expired' | 'unavailable';

export const SHARE_REFUSALS: Record<ShareRefusal, { title: string; message: string }> = {
  revoked: {
    title: 'This link was revoked',
    message: 'Whoever shared it has withdrawn it. Ask them for a new link if you still need it.',
  },
  expired: {
    title: 'This link has expired',
    message: 'Share links work for a limited time. Ask whoever shared it for a new link.',
  },
  unavailable: {
    title: 'This link no longer works',
    message: 'What it shared has been removed or made private. Ask whoever shared it for a new link.',
  },
};
