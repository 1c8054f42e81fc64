/**
 * Runs once when the Next.js server starts: open and migrate the app's store (and warn if its SQLite
 * file is readable by others), make sure the named variants exist, then reconcile uploads periodically.
 */
export async function register(): Promise<void> {
  // Next's documented runtime switch; the Node-only start-up code must not reach the edge bundle.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ prepareAppDb }, { startImageTasks }] = await Promise.all([
    import('./lib/db/start-up'),
    import('./lib/images/background'),
  ]);
  await prepareAppDb();
  startImageTasks();
}
