/**
 * Runs once when the Next.js server starts: warn if the app's database is readable by others, make
 * sure the named variants exist, then reconcile uploads periodically.
 */
export async function register(): Promise<void> {
  // Next's documented runtime switch; the Node-only start-up code must not reach the edge bundle.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ warnIfAppDbIsLoose }, { startImageTasks }] = await Promise.all([
    import('./lib/db/file-modes'),
    import('./lib/images/background'),
  ]);
  warnIfAppDbIsLoose();
  startImageTasks();
}
