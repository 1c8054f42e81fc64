/** The process's one SignInLimiter (it prunes old records now and then); its state lives in the shared database. */
import { getDb } from '@/lib/db/index';
import { SignInLimiter } from './sign-in-limiter';

let limiter: SignInLimiter | null = null;

export async function sharedSignInLimiter(failuresPerSecond: number): Promise<SignInLimiter> {
  limiter ??= new SignInLimiter(await getDb(), failuresPerSecond);
  return limiter;
}
