/** One case of the hostile corpus: what is sent, and what the service must answer. */

export type Category =
  | 'bomb'
  | 'polyglot'
  | 'svg'
  | 'wrong type'
  | 'truncation'
  | 'limit edge'
  | 'bad id'
  | 'bad metadata';

export interface HostileFile {
  bytes: Buffer;
  filename: string;
  /** The content type the client declares (the service must go by the bytes, not by this). */
  type: string;
}

/**
 * A refusal: this status and a message matching `message`. `by: 'fields'` means the form fields (id,
 * metadata) are at fault, so a one-time URL is refused already when it is asked for.
 */
export interface Refusal {
  status: 400 | 409 | 413 | 415;
  message: RegExp;
  by: 'file' | 'fields';
}

/** Accepted, possibly after sanitizing: the stored original must match none of `mustNotStore`. */
export interface Acceptance {
  status: 200;
  mustNotStore: RegExp[];
}

export interface HostileCase {
  name: string;
  category: Category;
  file: HostileFile;
  /** Form fields sent with `POST v1`, and to `POST v2/direct_upload` for a one-time URL. */
  fields: [string, string][];
  expected: Refusal | Acceptance;
}

export const JPEG_FILE = { filename: 'photo.jpg', type: 'image/jpeg' } as const;
export const PNG_FILE = { filename: 'image.png', type: 'image/png' } as const;
export const GIF_FILE = { filename: 'anim.gif', type: 'image/gif' } as const;
export const WEBP_FILE = { filename: 'image.webp', type: 'image/webp' } as const;
export const SVG_FILE = { filename: 'drawing.svg', type: 'image/svg+xml' } as const;

/** A refusal of the file. */
export const refused = (status: Refusal['status'], message: RegExp): Refusal => ({ status, message, by: 'file' });

/** A refusal of the form fields. */
export const fieldsRefused = (message: RegExp): Refusal => ({ status: 400, message, by: 'fields' });

export const accepted = (...mustNotStore: RegExp[]): Acceptance => ({ status: 200, mustNotStore });

/** A case as written in a category's list: the category is added, and fields default to none. */
export type CaseInput = Omit<HostileCase, 'category' | 'fields'> & { fields?: [string, string][] };

export const inCategory = (category: Category, cases: CaseInput[]): HostileCase[] =>
  cases.map((c) => ({ fields: [], ...c, category }));
