/**
 * Who may do what, for every route handler, server action and page of the app: the outcome each
 * persona gets. Walked in-process by ./routes.test.ts, ./actions.test.ts and ./pages.test.ts, and
 * over HTTP (pages) by e2e/authorization.spec.ts; ./coverage.test.ts fails when a route method, a
 * server action or a page is missing here, or an entry names one that no longer exists.
 * No runtime imports beyond these files: Playwright loads them too.
 */
export * from './actions-table';
export * from './pages-table';
export * from './personas';
export * from './routes-table';
