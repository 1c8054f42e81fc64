import { SHARE_REFUSALS, type ShareRefusal } from '@/lib/sharing/messages';

/** Why a share link shows nothing (the same words as the proxy's 410 page). */
export function ShareRefused({ reason }: { reason: ShareRefusal }) {
  const { title, message } = SHARE_REFUSALS[reason];
  return (
    <main className="auth-page">
      <div className="card auth-card" data-share-state={reason}>
        <h1>{title}</h1>
        <p className="muted">{message}</p>
      </div>
    </main>
  );
}
