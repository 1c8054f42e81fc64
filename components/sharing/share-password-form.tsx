'use client';
import { useActionState } from 'react';
import { type UnlockState, unlockShareAction } from '@/app/s/[token]/actions';
import { FormAlert } from '@/components/ui/form-alert';

/** A protected link asks for its password once; the right one opens it in this browser for an hour. */
export function SharePasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<UnlockState, FormData>(unlockShareAction, {});
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>This link is protected</h1>
        <p className="muted">Enter the password you were given with the link.</p>
        <form action={action}>
          <input type="hidden" name="token" value={token} />
          <div className="field">
            <label htmlFor="share-password">Password</label>
            <input
              id="share-password"
              name="password"
              type="password"
              className="input"
              required
              autoComplete="off"
              maxLength={200}
            />
          </div>
          <FormAlert message={state.error} />
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? 'Checking…' : 'Open'}
          </button>
        </form>
      </div>
    </main>
  );
}
