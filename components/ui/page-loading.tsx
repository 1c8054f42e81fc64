/** The loading state of a page while its server part renders (used by the `loading.tsx` files). */
export function PageLoading() {
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
