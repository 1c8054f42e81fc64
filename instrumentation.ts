/** Runs once when the Next.js server starts: make sure the named variants exist, then reconcile uploads periodically. */
export async function register(): Promise<void> {
  // Next's documented runtime switch; the Node-only start-up code must not reach the edge bundle.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startBackgroundTasks } = await import('./lib/startup');
  startBackgroundTasks();
}
