/** The one line a burst of failed sign-ins leaves in the log (the rest of the burst is counted, not printed). */
import type { BurstStart } from './sign-in-limiter';

export function burstLine(email: string, address: string | null, burst: BurstStart): string {
  const from = address ?? 'an unidentified address (no trusted proxy configured)';
  const previous = burst.previous
    ? `; the previous burst from there was ${burst.previous.failures} failure(s) over ${Math.round(burst.previous.spanMs / 1000)} s`
    : '';
  return `[pixvault] failed sign-in for ${email} from ${from}; further failures from there are counted but not logged until 5 minutes pass without one${previous}`;
}
