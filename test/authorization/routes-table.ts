/**
 * Route handlers of the authorization table: the status each persona gets. Adding a route is one
 * line, e.g. `{ file: 'app/api/admin/users/route.ts', method: 'GET', expect: adminOnly(200) }`.
 */
import { type Expect, each } from './personas';

// Route statuses. Signed out is 401 on every API route that needs a user; too low a role is 403.
export const everyone = (status: number) => each(status, status, status, status, status);
export const signedIn = (status: number) => each(401, status, status, status, status);
export const uploaders = (status: number) => each(401, 403, status, status, status);
export const ownerOrAdmin = (status: number) => each(401, 403, status, 403, status);
export const adminOnly = (status: number) => each(401, 403, 403, 403, status);

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * What `[id]` in a path stands for, made fresh for every call: `image` a finished image of
 * `uploader`; `upload` one whose bytes `uploader` sent but did not complete yet; `trashed` a finished
 * image of `uploader` in the trash; `user` a viewer; `album` an album of `uploader` holding one of
 * their images, whose id is the album's too (so a body `['[id]']` names an image of the album);
 * `share` a share link `uploader` made to their image.
 */
export type Target = 'image' | 'upload' | 'trashed' | 'user' | 'album' | 'share';

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
  { file: 'app/api/tags/route.ts', method: 'GET', expect: signedIn(200), why: 'tags of the shared gallery' },
  {
    file: 'app/api/uploads/route.ts',
    method: 'POST',
    body: { filename: 'new.jpg', size: 1000, type: 'image/jpeg' },
    expect: uploaders(201),
  },
  {
    file: 'app/api/uploads/batch/route.ts',
    method: 'POST',
    body: { files: [{ filename: 'new.jpg', size: 1000, type: 'image/jpeg' }] },
    expect: uploaders(201),
  },
  { file: 'app/api/images/[id]/route.ts', method: 'GET', expect: signedIn(200), missing: signedIn(404) },
  {
    file: 'app/api/images/[id]/route.ts',
    method: 'PATCH',
    body: { title: 'Renamed', private: false, caption: 'A caption', tags: ['harbour', 'Dusk'] },
    expect: ownerOrAdmin(200),
    missing: signedIn(404),
  },
  { file: 'app/api/images/[id]/route.ts', method: 'DELETE', expect: ownerOrAdmin(204), missing: signedIn(404) },
  { file: 'app/api/images/[id]/original/route.ts', method: 'GET', expect: ownerOrAdmin(200), missing: signedIn(404) },
  {
    file: 'app/api/images/[id]/download/route.ts',
    method: 'GET',
    expect: signedIn(200),
    missing: signedIn(404),
    why: 'whoever may see an image may save it: the original for its owner or an admin, the desktop variant for others',
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
    file: 'app/s/[token]/content/route.ts',
    method: 'GET',
    path: '/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/content',
    expect: everyone(404),
    why: 'the token is the credential, for anyone; the route test covers live, locked and revoked links',
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
  // Safety nets (issue 11): the trash and the duplicate check.
  { file: 'app/api/trash/route.ts', method: 'GET', expect: uploaders(200), why: 'own trash; admins see all' },
  {
    file: 'app/api/trash/[id]/restore/route.ts',
    method: 'POST',
    target: 'trashed',
    expect: ownerOrAdmin(204),
    missing: uploaders(404),
  },
  {
    file: 'app/api/trash/[id]/route.ts',
    method: 'DELETE',
    target: 'trashed',
    expect: ownerOrAdmin(204),
    missing: uploaders(404),
  },
  { file: 'app/api/admin/trash/empty/route.ts', method: 'POST', expect: adminOnly(200) },
  {
    file: 'app/api/uploads/duplicate/route.ts',
    method: 'GET',
    path: `/api/uploads/duplicate?sha256=${'0'.repeat(64)}`,
    expect: uploaders(200),
  },
  // Albums and share links (issue 11): every signed-in user sees albums; owners and admins change them.
  { file: 'app/api/albums/route.ts', method: 'GET', expect: signedIn(200), why: 'albums are shared like the gallery' },
  { file: 'app/api/albums/route.ts', method: 'POST', body: { title: 'Trip' }, expect: uploaders(201) },
  {
    file: 'app/api/albums/[id]/route.ts',
    method: 'GET',
    target: 'album',
    expect: signedIn(200),
    missing: signedIn(404),
  },
  {
    file: 'app/api/albums/[id]/route.ts',
    method: 'PATCH',
    target: 'album',
    body: { title: 'Renamed', coverImageId: '[id]' },
    expect: ownerOrAdmin(200),
    missing: signedIn(404),
  },
  {
    file: 'app/api/albums/[id]/route.ts',
    method: 'DELETE',
    target: 'album',
    expect: ownerOrAdmin(204),
    missing: signedIn(404),
  },
  {
    file: 'app/api/albums/[id]/images/route.ts',
    method: 'POST',
    target: 'album',
    body: { imageIds: ['[id]'] },
    expect: ownerOrAdmin(200),
    missing: signedIn(404),
  },
  {
    file: 'app/api/albums/[id]/images/route.ts',
    method: 'DELETE',
    target: 'album',
    body: { imageIds: ['[id]'] },
    expect: ownerOrAdmin(200),
    missing: signedIn(404),
  },
  {
    file: 'app/api/shares/route.ts',
    method: 'GET',
    expect: uploaders(200),
    why: 'viewers share nothing, so they have no links to list',
  },
  {
    file: 'app/api/shares/route.ts',
    method: 'POST',
    target: 'image',
    body: { target: { kind: 'image', id: '[id]' }, expiresInSeconds: 3600 },
    expect: ownerOrAdmin(201),
    why: 'a share link hands out access: the owner or an admin only; viewers never (403)',
  },
  {
    file: 'app/api/shares/[id]/route.ts',
    method: 'DELETE',
    target: 'share',
    expect: ownerOrAdmin(204),
    missing: uploaders(404),
    why: 'the role check comes before the lookup, so viewers get 403 either way',
  },
];
