/**
 * The personas of the authorization table (./table.ts) and the shape of one row's expectations.
 * No runtime imports: Playwright loads this file too.
 */

/** `uploader` owns every target image; `otherUploader` is an uploader who does not. */
export const PERSONAS = ['anonymous', 'viewer', 'uploader', 'otherUploader', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];
export type Expect<T> = Readonly<Record<Persona, T>>;

export const each = <T>(anonymous: T, viewer: T, uploader: T, otherUploader: T, admin: T): Expect<T> => ({
  anonymous,
  viewer,
  uploader,
  otherUploader,
  admin,
});
