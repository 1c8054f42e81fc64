/**
 * Who may do what, for every route handler, server action and page of the app: the outcome each
 * persona gets. Walked in-process by ./routes.test.ts, ./actions.test.ts and ./pages.test.ts, and
 * over HTTP (pages) by e2e/authorization.spec.ts; ./coverage.test.ts fails when a route method, a
 * server action or a page is missing here, or an entry names one that no longer exists.
 *
 * Adding a route is one line, e.g. `{ file: 'app/api/admin/users/route.ts', method: 'GET', expect: adminOnly(200) }`.
 * No runtime imports: Playwright loads this file too.
 */
import type { Role } from '@/lib/auth/roles';

/** `uploader` owns every target image; `otherUploader` is an uploader who does not. */
export const PERSONAS = ['anonymous', 'viewer', 'uploader', 'otherUploader', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];
export type Expect<T> = Readonly<Record<Persona, T>>;

const each = <T>(anonymous: T, viewer: T, uploader: T, otherUploader: T, admin: T): Expect<T> => ({
  anonymous,
  viewer,
  uploader,
  otherUploader,
  admin,
});

// Route statuses. Signed out is 401 on every API route that needs a user; too low a role is 403.
export const everyone = (status: number) => each(status, status, status, status, status);
export const signedIn = (status: number) => each(401, status, status, status, status);
export const uploaders = (status: number) => each(401, 403, status, status, status);
export const ownerOrAdmin = (status: number) => each(401, 403, status, 403, status);
export const adminOnly = (status: number) => each(401, 403, 403, 403, status);

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * What `[id]` in a path stands for, made fresh for every call: `image` a finished image of
 * `uploader`; `upload` one whose bytes `uploader` sent but did not complete yet; `user` a viewer.
 */
export type Target = 'image' | 'upload' | 'user';

export interface RouteRow {
  file: string;
  method: Method;
  expect: Expect<number>;
  /** Request path; default: the file's route. A `[param]` segment is replaced by the target's id. */
  path?: string;
  /** JSON body (valid input, so only authorization decides); the string `'[id]'` in it stands for the target's id. */
  body?: unknown;
  /** What `[param]` (in the path or the body) stands for; default `image` when the path has one. */
  target?: Target;
  /** Statuses for an id that does not exist: required for paths with a `[param]`. */
  missing?: Expect<number>;
  why?: string;
}

/**
 * Images are not secret among signed-in users (one shared gallery), so a non-owner learns nothing
 * from a 403; an unknown id is a 404 for everyone past the role check.
 */
export const ROUTES: readonly RouteRow[] = [
  { file: 'app/api/images/route.ts', method: 'GET', expect: signedIn(200), why: 'the gallery is shared' },
  {
    file: 'app/api/uploads/route.ts',
    method: 'POST',
    body: { filename: 'new.jpg', size: 1000, type: 'image/jpeg' },
    expect: uploaders(201),
  },
  { file: 'app/api/images/[id]/route.ts', method: 'GET', expect: signedIn(200), missing: signedIn(404) },
  {
    file: 'app/api/images/[id]/route.ts',
    method: 'PATCH',
    body: { title: 'Renamed', private: false },
    expect: ownerOrAdmin(200),
    missing: signedIn(404),
  },
  { file: 'app/api/images/[id]/route.ts', method: 'DELETE', expect: ownerOrAdmin(204), missing: signedIn(404) },
  { file: 'app/api/images/[id]/original/route.ts', method: 'GET', expect: ownerOrAdmin(200), missing: signedIn(404) },
  {
    file: 'app/api/images/[id]/link/route.ts',
    method: 'POST',
    body: { variant: 'desktop', ttlSeconds: 3600 },
    expect: ownerOrAdmin(200),
    missing: signedIn(404),
    why: 'a signed link hands out access: owner or admin only (issue 7, item 10)',
  },
  {
    file: 'app/api/images/[id]/complete/route.ts',
    method: 'POST',
    target: 'upload',
    expect: ownerOrAdmin(200),
    missing: uploaders(404),
    why: 'the role check comes before the lookup, so viewers get 403 either way',
  },
  {
    file: 'app/api/webhooks/images/route.ts',
    method: 'POST',
    body: { alert_type: 'image_notification', data: { image_id: 'some-image', status: 'uploaded' } },
    expect: everyone(401),
    why: 'only the shared secret in cf-webhook-auth admits; no session does',
  },
  {
    file: 'app/api/auth/[...nextauth]/route.ts',
    method: 'GET',
    path: '/api/auth/providers',
    expect: everyone(200),
    why: 'Auth.js itself: public by design',
  },
  {
    file: 'app/api/auth/[...nextauth]/route.ts',
    method: 'POST',
    path: '/api/auth/signout',
    expect: everyone(302),
    why: 'Auth.js refuses a POST without its CSRF token (redirect to ?error=MissingCSRF) whoever asks',
  },
  // The admin console (issue 9).
  { file: 'app/api/admin/images/route.ts', method: 'GET', expect: adminOnly(200) },
  { file: 'app/api/admin/audit/export/route.ts', method: 'GET', expect: adminOnly(200) },
  { file: 'app/api/admin/images/[id]/route.ts', method: 'GET', expect: adminOnly(200), missing: adminOnly(404) },
  {
    file: 'app/api/admin/images/[id]/route.ts',
    method: 'PATCH',
    body: { title: 'Renamed', metadata: { note: 'x' } },
    expect: adminOnly(204),
    missing: adminOnly(404),
  },
  {
    file: 'app/api/admin/images/bulk/route.ts',
    method: 'POST',
    target: 'image',
    body: { action: 'make_public', selection: { kind: 'ids', ids: ['[id]'] } },
    expect: adminOnly(200),
  },
];

/**
 * A server action's outcome: `done` (no error state) or `refused` (an error state, or a redirect,
 * and nothing changed in the store); `→ /path` when it ends by redirecting there.
 */
export type ActionOutcome = 'done' | 'refused' | `done → ${string}` | `refused → ${string}`;

const adminAction = each<ActionOutcome>('refused', 'refused', 'refused', 'refused', 'done');
const ownSession = (done: ActionOutcome) => each<ActionOutcome>('refused → /sign-in', done, done, done, done);
const allActions = (outcome: ActionOutcome) => each(outcome, outcome, outcome, outcome, outcome);

/** What an action's arguments are built from (test/authorization/fixture.ts). */
export interface ActionFixture {
  /** A new account of `role`, made for this call only. */
  newUser(role: Role): Promise<{ id: string; email: string }>;
  /** A new pending invite (made by an admin) for an unused email. */
  newInvite(role: Role): Promise<{ id: string; token: string }>;
  /** A finished image of `uploader`. */
  newImage(): Promise<string>;
  /** A new signing key of the image service; its fingerprint. */
  newKey(): Promise<string>;
  /** A new variant of the image service; its id. */
  newVariant(): Promise<string>;
  /** A variant id (letters and digits) no variant has. */
  unusedName(): string;
  /** An email no account has. */
  unusedEmail(): string;
  form(fields: Record<string, string>): FormData;
  /** A real account with a password: the sign-in form is open to anyone who knows it. */
  signInAccount: { email: string; password: string };
}

export interface ActionRow {
  file: string;
  name: string;
  args: (f: ActionFixture) => unknown[] | Promise<unknown[]>;
  expect: Expect<ActionOutcome>;
  /** Whether a `done` changes the store: default `always`; `maybe` for reads that may cache something. */
  writes?: 'always' | 'never' | 'maybe';
  why?: string;
}

const AUTH_ACTIONS = 'app/(auth)/actions.ts';
const INVITE_ACTIONS = 'app/(auth)/invite/[token]/actions.ts';
const USER_ACTIONS = 'app/(gallery)/admin/users/actions.ts';
const KEY_ACTIONS = 'app/(gallery)/admin/keys/actions.ts';
const VARIANT_ACTIONS = 'app/(gallery)/admin/variants/actions.ts';

export const ACTIONS: readonly ActionRow[] = [
  {
    file: AUTH_ACTIONS,
    name: 'signInAction',
    args: (f) => [{}, f.form(f.signInAccount)],
    expect: allActions('done → /'),
    why: 'the sign-in form is public; the password decides',
  },
  {
    file: AUTH_ACTIONS,
    name: 'gitHubSignInAction',
    args: () => [],
    expect: allActions('done → https://github.com/login/oauth/authorize'),
    writes: 'never',
    why: 'only starts the OAuth round trip; admission is decided on the callback',
  },
  {
    file: AUTH_ACTIONS,
    name: 'setupAction',
    args: (f) => [
      {},
      f.form({ email: f.unusedEmail(), name: '', password: 'long enough 1', confirm: 'long enough 1' }),
    ],
    expect: allActions('refused'),
    why: 'first run only: once any user exists nobody can create an admin through it',
  },
  {
    file: AUTH_ACTIONS,
    name: 'signOutAction',
    args: () => [],
    expect: ownSession('done → /sign-in'),
    why: 'ends the caller’s own session record; signed out there is nothing to end',
  },
  { file: AUTH_ACTIONS, name: 'signOutEverywhereAction', args: () => [], expect: ownSession('done → /sign-in') },
  {
    file: INVITE_ACTIONS,
    name: 'acceptInviteAction',
    args: async (f) => [
      {},
      f.form({
        token: (await f.newInvite('viewer')).token,
        name: 'Ivy',
        password: 'long enough 1',
        confirm: 'long enough 1',
      }),
    ],
    expect: each<ActionOutcome>('done → /', 'refused', 'refused', 'refused', 'refused'),
    why: 'the token is the credential; someone signed in as another user must sign out first',
  },
  {
    file: INVITE_ACTIONS,
    name: 'signOutForInviteAction',
    args: (f) => [f.form({ token: 'not-a-token' })],
    expect: ownSession('done → /sign-in'),
    why: 'a sign-out like signOutAction; only a token-shaped value may go into the redirect',
  },
  {
    file: USER_ACTIONS,
    name: 'addUserAction',
    args: (f) => [{}, f.form({ email: f.unusedEmail(), name: '', password: 'long enough', role: 'admin' })],
    expect: adminAction,
  },
  {
    file: USER_ACTIONS,
    name: 'changeRoleAction',
    args: async (f) => [(await f.newUser('viewer')).id, 'admin'],
    expect: adminAction,
  },
  {
    file: USER_ACTIONS,
    name: 'removeUserAction',
    args: async (f) => [(await f.newUser('viewer')).id],
    expect: adminAction,
  },
  {
    file: USER_ACTIONS,
    name: 'resetPasswordAction',
    args: async (f) => [(await f.newUser('viewer')).id, 'a new password 1'],
    expect: adminAction,
  },
  {
    file: USER_ACTIONS,
    name: 'setDisabledAction',
    args: async (f) => [(await f.newUser('viewer')).id, true],
    expect: adminAction,
  },
  {
    file: USER_ACTIONS,
    name: 'createInviteAction',
    args: (f) => [{}, f.form({ email: f.unusedEmail(), role: 'viewer' })],
    expect: adminAction,
  },
  {
    file: USER_ACTIONS,
    name: 'revokeInviteAction',
    args: async (f) => [(await f.newInvite('viewer')).id],
    expect: adminAction,
  },
  { file: KEY_ACTIONS, name: 'revealKeyAction', args: async (f) => [await f.newKey()], expect: adminAction },
  { file: KEY_ACTIONS, name: 'rotateKeyAction', args: () => [], expect: adminAction },
  { file: KEY_ACTIONS, name: 'deleteKeyAction', args: async (f) => [await f.newKey(), true], expect: adminAction },
  {
    file: VARIANT_ACTIONS,
    name: 'saveVariantAction',
    args: (f) => [{}, f.form({ id: f.unusedName(), fit: 'scale-down', width: '100', height: '', metadata: 'none' })],
    expect: adminAction,
  },
  {
    file: VARIANT_ACTIONS,
    name: 'deleteVariantAction',
    args: async (f) => [await f.newVariant()],
    expect: adminAction,
  },
  {
    file: VARIANT_ACTIONS,
    name: 'saveSettingsAction',
    args: (f) => [{}, f.form({ flexible_variants: 'on', browser_ttl: '7200' })],
    expect: adminAction,
  },
  {
    file: VARIANT_ACTIONS,
    name: 'previewVariantAction',
    args: async (f) => [await f.newVariant(), await f.newImage()],
    expect: adminAction,
    writes: 'maybe',
    why: 'a read; signing may record when the app first saw its key',
  },
];

/** 200, an HTTP error page, or a real redirect (never a 200 page with a meta refresh). */
export type PageOutcome = 200 | 401 | 403 | 404 | `redirect:${string}`;

const page = each<PageOutcome>;
const SIGN_IN = 'redirect:/sign-in';
const DENIED = 'redirect:/?denied=1';
const HOME = 'redirect:/';

export interface PageRow {
  file: string;
  expect: Expect<PageOutcome>;
  /** Default: the file's route; `[param]` is replaced by a finished image of `uploader`. */
  path?: string;
  why?: string;
}

export const PAGES: readonly PageRow[] = [
  { file: 'app/(auth)/setup/page.tsx', expect: page(404, 404, 404, 404, 404), why: 'gone once any user exists' },
  { file: 'app/(auth)/sign-in/page.tsx', expect: page(200, HOME, HOME, HOME, HOME) },
  {
    file: 'app/(auth)/invite/[token]/page.tsx',
    expect: page(200, 200, 200, 200, 200),
    why: 'the token is the credential; an unknown one shows why the link does not work',
  },
  { file: 'app/(gallery)/(browse)/page.tsx', expect: page(SIGN_IN, 200, 200, 200, 200) },
  { file: 'app/(gallery)/(browse)/images/[id]/page.tsx', expect: page(SIGN_IN, 200, 200, 200, 200) },
  { file: 'app/(gallery)/upload/page.tsx', expect: page(SIGN_IN, DENIED, 200, 200, 200) },
  { file: 'app/(gallery)/admin/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200), why: 'app/forbidden.tsx' },
  { file: 'app/(gallery)/admin/users/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/images/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/audit/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/keys/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/variants/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/usage/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
];
