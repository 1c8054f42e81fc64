export default function Loading() {
  return (
    <div
      role="status"
      aria-live="polite"
      style={{ display: 'flex', gap: '0.6rem', alignItems: 'center', padding: '2rem 0' }}
    >
      <div className="spinner" aria-hidden="true" />
      <span>Loading…</span>
    </div>
  );
}
