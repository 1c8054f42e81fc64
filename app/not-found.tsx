import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Not found</h1>
        <p className="muted">This page does not exist, or it is no longer available.</p>
        <Link href="/" className="button">
          Go to the gallery
        </Link>
      </div>
    </main>
  );
}
