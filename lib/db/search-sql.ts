/**
 * Full-text search pieces for both engines. The user's text never reaches a query language as
 * written: it is cut into words of letters and digits only (quotes, operators, `*`, `:`, `-`,
 * parentheses and the like are separators), and each word becomes a quoted prefix term. So any
 * input is a plain search for its words, never FTS5 or tsquery syntax.
 */
import { sql } from 'kysely';

const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;

/** The words of a search, lower-cased: letters and digits of any script; [] when there is none. */
export function searchTerms(text: string): string[] {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_TERMS);
}

/** FTS5 MATCH text: every word as a quoted prefix term, all required. Terms hold no `"`. */
export const fts5Query = (terms: string[]): string => terms.map((t) => `"${t}"*`).join(' ');

/** to_tsquery text for one word as a prefix term. Terms hold only letters and digits. */
export const tsPrefix = (term: string): string => `${term}:*`;

/** Field text as PostgreSQL indexes it: runs of anything but letters and digits become one space (file names split like FTS5's). */
const words = (column: string) => `regexp_replace(coalesce(${column}, ''), '[^[:alnum:]]+', ' ', 'g')`;

/**
 * The weighted document of an image, over columns of `images` (unqualified, as the GIN index
 * `images_search` has it; a query must use exactly this expression for the index to apply).
 * Title and tags weigh A, the caption B, the file name C (the owner's name is D, see PG_OWNER_DOCUMENT).
 */
export const PG_IMAGE_DOCUMENT = sql.raw(
  `setweight(to_tsvector('simple'::regconfig, ${words('title')}), 'A') || ` +
    `setweight(to_tsvector('simple'::regconfig, ${words('tags')}), 'A') || ` +
    `setweight(to_tsvector('simple'::regconfig, ${words('caption')}), 'B') || ` +
    `setweight(to_tsvector('simple'::regconfig, ${words('filename')}), 'C')`,
);

export const PG_OWNER_DOCUMENT = sql.raw(`setweight(to_tsvector('simple'::regconfig, ${words('users.name')}), 'D')`);

/**
 * FTS5 bm25 column weights (image_id, title, tags, caption, filename, owner): a word in the title
 * or a tag counts several times one in the caption or file name.
 */
export const FTS5_RANK = sql.raw('bm25(image_search, 0.0, 10.0, 10.0, 3.0, 2.0, 1.0)');
