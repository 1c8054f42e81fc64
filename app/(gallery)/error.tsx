'use client';

export default function GalleryError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="card" role="alert">
      <h2>Something went wrong</h2>
      <p className="muted">The page could not be loaded. Your images are safe.</p>
      <button type="button" className="button button-primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
