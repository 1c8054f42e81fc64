'use server';
// Server action of the share page: a password for a protected link. Anyone holding the link may try;
// attempts are limited per address, per link and per link per day (lib/sharing/unlock.ts), and a
// right one opens the link for an hour.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { currentClientAddress } from '@/lib/auth/request-ip';
import { SHARE_REFUSALS } from '@/lib/sharing/messages';
import { isShareTokenShape } from '@/lib/sharing/token';
import {
  type PasswordOutcome,
  tryLinkPassword,
  UNLOCK_SECONDS,
  unlockCookieName,
  unlockCookieValue,
} from '@/lib/sharing/unlock';
import { lookUpShare } from '@/lib/sharing/visit';

export interface UnlockState {
  error?: string;
}

const unlockSchema = z.object({ token: z.string().max(100), password: z.string().max(200) });

function refusal(outcome: Exclude<PasswordOutcome, { ok: true }>): string {
  if (outcome.reason === 'wrong') return 'That password is not right.';
  const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
  return outcome.reason === 'closed'
    ? `This link has had too many wrong passwords today and takes no more for now. Try again in ${minutes} min, or ask the person who shared it.`
    : `Too many tries. Try again in ${minutes} min.`;
}

export async function unlockShareAction(_prev: UnlockState, form: FormData): Promise<UnlockState> {
  const parsed = unlockSchema.safeParse({ token: form.get('token'), password: form.get('password') });
  if (!parsed.success || !isShareTokenShape(parsed.data.token)) return { error: 'This link is not valid.' };
  const { token, password } = parsed.data;
  const found = await lookUpShare(token);
  if (found.state === 'unknown') return { error: 'This link is not valid.' };
  if (found.state !== 'live') return { error: SHARE_REFUSALS[found.state].title };
  const outcome = await tryLinkPassword(found.link, password, await currentClientAddress());
  if (!outcome.ok) return { error: refusal(outcome) };
  const https = (await headers()).get('x-forwarded-proto') === 'https';
  (await cookies()).set(unlockCookieName(found.link.id), unlockCookieValue(found.link.id), {
    httpOnly: true,
    sameSite: 'lax',
    secure: https,
    path: `/s/${token}`,
    maxAge: UNLOCK_SECONDS,
  });
  redirect(`/s/${token}`);
}
