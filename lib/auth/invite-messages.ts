/** Why an invite cannot be used, in words: what its page says when opened, and what accepting it answers. */
import type { AcceptOutcome } from './invites';

export type InviteRefusal = Exclude<AcceptOutcome, { ok: true }>['reason'];

export const INVITE_REFUSALS: Record<InviteRefusal, { title: string; message: string }> = {
  accepted: { title: 'This invite was already used', message: 'Its account exists: sign in with it instead.' },
  revoked: {
    title: 'This invite was revoked',
    message: 'An admin withdrew it, or whoever sent it is no longer an admin. Ask an admin for a new one.',
  },
  expired: { title: 'This invite has expired', message: 'Invites work for 7 days. Ask an admin for a new one.' },
  unknown: {
    title: 'This invite link is not valid',
    message: 'Check that you copied the whole link, or ask an admin for a new one.',
  },
  email_taken: { title: 'This email already has an account', message: 'Sign in with it instead.' },
};
