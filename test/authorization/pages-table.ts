/** Pages of the authorization table: what each persona's request answers. */
import { type Expect, each } from './personas';

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
  { file: 'app/(gallery)/profile/page.tsx', expect: page(SIGN_IN, 200, 200, 200, 200), why: 'everyone has their own' },
  { file: 'app/(gallery)/admin/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200), why: 'app/forbidden.tsx' },
  { file: 'app/(gallery)/admin/users/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/images/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/audit/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/keys/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/variants/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/admin/usage/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  // Safety nets (issue 11).
  {
    file: 'app/(gallery)/trash/page.tsx',
    expect: page(SIGN_IN, DENIED, 200, 200, 200),
    why: 'own trash; admins see all',
  },
  { file: 'app/(gallery)/admin/duplicates/page.tsx', expect: page(SIGN_IN, 403, 403, 403, 200) },
  { file: 'app/(gallery)/albums/page.tsx', expect: page(SIGN_IN, 200, 200, 200, 200) },
  {
    file: 'app/(gallery)/albums/[id]/page.tsx',
    expect: page(SIGN_IN, 200, 200, 200, 200),
    why: 'the album is read by the browser from /api/albums/[id], which answers 404 for an unknown id',
  },
  { file: 'app/(gallery)/links/page.tsx', expect: page(SIGN_IN, DENIED, 200, 200, 200) },
  {
    file: 'app/s/[token]/page.tsx',
    expect: page(404, 404, 404, 404, 404),
    why: 'the token is the credential, for anyone; an unknown one is a 404 (revoked or expired: 410 from the proxy)',
  },
];
