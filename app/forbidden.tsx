import Link from 'next/link';

/** Rendered with HTTP 403 by `forbidden()` (lib/admin/guard.ts) for signed-in users without the admin role. */
export default function Forbidden() {
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Admins only</h1>
        <p className="muted">This page is part of the admin console. Your account does not have the admin role.</p>
        <Link href="/" className="button">
          Go to the gallery
        </Link>
      </div>
    </main>
  );
}
