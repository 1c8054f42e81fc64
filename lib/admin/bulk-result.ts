/** The outcome of an admin action over many items, as the console shows it. Types only: safe for the browser. */

export interface BulkFailure {
  /** The item's id (an image's record id, a user's id). */
  id: string;
  /** What a person recognises it by (a title, an email). */
  label: string;
  /** Why it failed, as a sentence. */
  reason: string;
}

export interface BulkResult {
  /** How many items were tried. */
  attempted: number;
  succeeded: number;
  failed: BulkFailure[];
}
