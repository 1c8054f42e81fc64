/**
 * Share tokens are made like invite tokens: 256 random bits in the link, only their SHA-256 in the
 * store, so a copy of the database cannot be turned into working share links.
 */
export {
  hashInviteToken as hashShareToken,
  isInviteTokenShape as isShareTokenShape,
  newInviteToken as newShareToken,
} from '@/lib/auth/invite-token';

export const sharePath = (token: string) => `/s/${token}`;
