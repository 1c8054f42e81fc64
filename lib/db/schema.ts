/**
 * The app's store, typed once for both engines. Times are epoch milliseconds (SQLite INTEGER,
 * PostgreSQL BIGINT read back as numbers); flags are 0/1 integers on both, so a row reads the same
 * whichever engine holds it. The tables are made by `./migrations`.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role } from '@/lib/auth/roles';

export interface UsersTable {
  id: string;
  /** Stored normalized (trimmed, lower-case); unique case-insensitively on both engines. */
  email: string;
  name: string | null;
  password_hash: string | null;
  role: Role;
  created_at: number;
  /** When an admin disabled the account (it may not sign in); null while active. */
  disabled_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the user last signed in (any method); null: never. */
  last_sign_in_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ImagesTable {
  /** The app's record id (`recordId` in code). */
  id: string;
  /** The image's id in the image service (`serviceId` in code); null until the service answered. */
  service_id: string | null;
  owner_id: string;
  title: string;
  filename: string;
  status: 'pending' | 'ready';
  /** 1: delivered only through signed URLs. */
  private: ColumnType<number, number | undefined, number>;
  width: number | null;
  height: number | null;
  bytes: number | null;
  content_type: string | null;
  placeholder: string | null;
  /** While a completion runs: when its claim runs out (ms); null otherwise (see claimCompletion). */
  completing_until: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: number;
  updated_at: number;
  /** Hex SHA-256 of the file as the uploader's browser read it (duplicate warnings); null when unknown. */
  content_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the image was moved to the trash; null while it is in the library. */
  trashed_at: ColumnType<number | null, number | null | undefined, number | null>;
  trashed_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** When a purge (sweep, "delete forever", "empty trash") claimed the image; a stale claim may be taken over. */
  purge_claimed_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON of CaptureInfo (lib/cloudflare-images/capture-info.ts); null when the backend reported none. */
  capture: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the photo was taken (epoch ms; the camera's wall time read as UTC when it recorded no offset). */
  taken_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** The timeline's order: taken_at, or created_at when the image has no capture date. */
  timeline_at: ColumnType<number | null, number | null | undefined, number | null>;
  caption: ColumnType<string, string | undefined, string>;
  /** The normalised tags joined by single spaces (what search indexes); `image_tags` has one row each. */
  tags: ColumnType<string, string | undefined, string>;
}

/** One row per tag of an image, for exact tag filters. */
export interface ImageTagsTable {
  image_id: string;
  tag: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_id: string | null;
  action: string;
  target: string | null;
  /** JSON text on both engines: nothing queries inside it, and both then hand back the same string. */
  detail: string | null;
  /** The client's address (behind trusted proxies only, see lib/auth/client-address.ts); null when unknown. */
  ip: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A one-time link that lets someone create their own account with the role an admin chose. */
export interface InvitesTable {
  id: string;
  /** SHA-256 of the token; the token itself is only in the link. */
  token_hash: string;
  email: string;
  role: Role;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  revoked_at: number | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SessionsTable {
  /** SHA-256 of the session id; the id itself lives only in the cookie. */
  id: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface SignInLimitsTable {
  key: string;
  failures: number;
  started_at: number;
  last_failure_at: number;
}

export interface SignInKnownAddressesTable {
  user_id: string;
  address: string;
  last_success_at: number;
}

/** Token buckets of request limits that must hold across app instances (e.g. upload URLs per user). */
export interface RateLimitsTable {
  key: string;
  tokens: number;
  updated_at: number;
}

/** An owner's named set of images; deleting it leaves the images alone. */
export interface AlbumsTable {
  id: string;
  owner_id: string;
  title: string;
  /** Null: the newest image in the album stands in. */
  cover_image_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface AlbumImagesTable {
  album_id: string;
  image_id: string;
  added_at: number;
}

/** A revocable link to one image or one album (exactly one of the two ids is set). */
export interface ShareLinksTable {
  id: string;
  /** SHA-256 of the token; the token itself is only in the link. */
  token_hash: string;
  image_id: string | null;
  album_id: string | null;
  created_by: string;
  created_at: number;
  /** Null: never expires (allowed only while every shared image is public). */
  expires_at: number | null;
  /** Argon2id of the link's password; null: no password. */
  password_hash: string | null;
  revoked_at: number | null;
  view_count: ColumnType<number, number | undefined, number>;
  last_viewed_at: number | null;
}

export interface Database {
  users: UsersTable;
  invites: InvitesTable;
  images: ImagesTable;
  image_tags: ImageTagsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  sessions: SessionsTable;
  sign_in_limits: SignInLimitsTable;
  sign_in_known_addresses: SignInKnownAddressesTable;
  rate_limits: RateLimitsTable;
  albums: AlbumsTable;
  album_images: AlbumImagesTable;
  share_links: ShareLinksTable;
}

/**
 * Every table, parents before children (foreign keys point backwards in this list): the order to copy
 * a store in, and the reverse order to empty one.
 */
export const TABLES = [
  'users',
  'invites',
  'images',
  'image_tags',
  'audit_log',
  'settings',
  'sessions',
  'sign_in_limits',
  'sign_in_known_addresses',
  'rate_limits',
  'albums',
  'album_images',
  'share_links',
] as const satisfies readonly (keyof Database)[];

export type UserRow = Selectable<UsersTable>;
export type ImageRow = Selectable<ImagesTable>;
export type InviteRow = Selectable<InvitesTable>;
export type AlbumRow = Selectable<AlbumsTable>;
export type ShareLinkRow = Selectable<ShareLinksTable>;
