/** Server actions of the authorization table: what each persona's call does. */
import type { Role } from '@/lib/auth/roles';
import { type Expect, each } from './personas';

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
const SHARE_ACTIONS = 'app/s/[token]/actions.ts';
const PROFILE_ACTIONS = 'app/(gallery)/profile/actions.ts';

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
    file: PROFILE_ACTIONS,
    name: 'updateDisplayNameAction',
    args: (f) => [{}, f.form({ name: `Someone ${f.unusedName()}` })],
    expect: ownSession('done'),
    why: 'each person names only themselves',
  },
  {
    file: PROFILE_ACTIONS,
    name: 'changePasswordAction',
    args: (f) => [
      {},
      f.form({ current: 'not-their-password', password: 'a new password 1', confirm: 'a new password 1' }),
    ],
    expect: ownSession('refused'),
    why: 'only one’s own password, and only with the current one (these personas have none; e2e/people.spec.ts changes a real one)',
  },
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
  {
    file: SHARE_ACTIONS,
    name: 'unlockShareAction',
    args: (f) => [{}, f.form({ token: 'A'.repeat(43), password: 'guess' })],
    expect: allActions('refused'),
    writes: 'never',
    why: 'the link is the credential, for anyone; an unknown token is refused whoever asks (lib/sharing tests the rest)',
  },
];
