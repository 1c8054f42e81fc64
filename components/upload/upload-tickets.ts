/** Reading a batch mint's answers: which files got a URL, which were refused for good, and how long to wait. */
import type { BatchTicket, UploadTicket } from '@/lib/schemas/api';
import { isTransientStatus } from './upload-retry';

export interface MintOutcome {
  tickets: [key: string, ticket: UploadTicket][];
  /** Files the app will never take (e.g. a type it refuses): shown as refused, without Retry. */
  refused: { key: string; message: string }[];
  /** The longest wait the app asked for (429), or null. */
  retryAfterMs: number | null;
  /** Some file failed for a passing reason that named no wait (5xx): mint again after a backoff. */
  failed: boolean;
}

export function mintedTickets(wanted: readonly { key: string }[], answers: readonly BatchTicket[]): MintOutcome {
  const outcome: MintOutcome = { tickets: [], refused: [], retryAfterMs: null, failed: answers.length < wanted.length };
  wanted.forEach(({ key }, i) => {
    const answer = answers[i];
    if (!answer) return;
    if (answer.ok) {
      outcome.tickets.push([key, answer.ticket]);
      return;
    }
    const { status, message, retryAfterSeconds } = answer.error;
    if (!isTransientStatus(status)) outcome.refused.push({ key, message });
    else if (status === 429 && retryAfterSeconds !== undefined)
      outcome.retryAfterMs = Math.max(outcome.retryAfterMs ?? 0, retryAfterSeconds * 1000);
    else outcome.failed = true;
  });
  return outcome;
}
