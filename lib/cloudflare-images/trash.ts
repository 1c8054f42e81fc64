/**
 * An extension of the embedded image service, shared by both sides: an image whose metadata holds the
 * key `trashed` is not delivered (404, `ERROR 9431`), whatever signature a URL carries, until the key is
 * removed again. The app sets it when an image moves to its trash and removes it on restore.
 *
 * Real Cloudflare Images stores the key like any metadata but does not honour it: there, the app also sets
 * `requireSignedURLs`, which stops unsigned URLs at once, while signed URLs minted before stay valid until
 * their `exp` (at most the gallery's TTL plus one bucket, or a share link's lifetime); the purge after
 * the trash period deletes the image and with it every URL. See README "Trash".
 */
export const TRASHED_METADATA_KEY = 'trashed';

/** True when stored metadata (the JSON text the service keeps, or an object) marks the image as trashed. */
export function isTrashedMetadata(meta: string | Record<string, unknown> | null | undefined): boolean {
  if (!meta) return false;
  if (typeof meta !== 'string') return meta[TRASHED_METADATA_KEY] !== undefined;
  try {
    const parsed: unknown = JSON.parse(meta);
    return typeof parsed === 'object' && parsed !== null && TRASHED_METADATA_KEY in parsed;
  } catch {
    return false;
  }
}
