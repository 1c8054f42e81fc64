/**
 * How long a session lives: 7 days without use, extended at most once a day while in use. Its own
 * module (no database import) because the request proxy needs it too.
 */

/** A session not used for this long ends. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
/** An active session is extended at most this often (one write a day, not one per request). */
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;
