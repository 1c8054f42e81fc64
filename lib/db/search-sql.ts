/**
 * Full-text search pieces for both engines. The user's text never reaches a query language as
 * written: it is cut into words of letters and digits only (quotes, operators, `*`, `:`, `-`,
 * parentheses and the like are separators), and each word becomes a quoted prefix term. So any
 * input is a plain search for its words, never FTS5 or tsquery syntax.
 */
import { sql } from 'kysely';

const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;

/** Text without its accents: "Café Zürich" → "Cafe Zurich" (what both engines index). */
export function withoutAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øØłŁđĐħĦıŧŦ]/g, (c) => NO_DECOMPOSITION[c] ?? c)
    .normalize('NFC');
}

/** Latin letters whose accent is not a separate mark in Unicode. */
const NO_DECOMPOSITION: Record<string, string> = {
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŧ: 't',
  Ŧ: 'T',
};

/**
 * The words of a search, lower-cased and without accents (so "cafe" finds "Café" and "Ørsted" is found
 * by "orsted"): letters and digits of any script; [] when there is none.
 */
export function searchTerms(text: string): string[] {
  const words =
    withoutAccents(text.normalize('NFKC'))
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_TERMS);
}

/** FTS5 MATCH text: every word as a quoted prefix term, all required. Terms hold no `"`. */
export const fts5Query = (terms: string[]): string => terms.map((t) => `"${t}"*`).join(' ');

/** to_tsquery text for one word as a prefix term. Terms hold only letters and digits. */
export const tsPrefix = (term: string): string => `${term}:*`;

/**
 * PostgreSQL's accent folding as a `translate()` table (immutable, so an index can hold it; the
 * `unaccent` extension would need rights an application role may not have): every accented Latin letter
 * of U+00C0–U+024F whose base letter is ASCII, mapped to that letter in the same case, like
 * `withoutAccents` (and FTS5's `remove_diacritics 2` on SQLite).
 */
function accentTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x24f; code++) {
    const c = String.fromCodePoint(code);
    const base = withoutAccents(c);
    if (base !== c && /^[A-Za-z]$/.test(base)) {
      from += c;
      to += base;
    }
  }
  return { from, to };
}
const ACCENTS = accentTable();

/**
 * Field text as PostgreSQL indexes it: accents folded, then runs of anything but letters and digits
 * become one space (file names split like FTS5's).
 */
const words = (column: string) =>
  `regexp_replace(translate(coalesce(${column}, ''), '${ACCENTS.from}', '${ACCENTS.to}'), '[^[:alnum:]]+', ' ', 'g')`;

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
 * SQLite's accent folding beyond FTS5's `remove_diacritics 2`, which leaves letters like ø, ł and đ (no
 * Unicode decomposition) as they are: nested `replace()`, so plain SQL (the triggers) can apply it.
 */
export function sqliteFold(expression: string): string {
  let folded = expression;
  for (const [from, to] of Object.entries(NO_DECOMPOSITION)) folded = `replace(${folded}, '${from}', '${to}')`;
  return folded;
}

/**
 * FTS5 bm25 column weights (image_id, title, tags, caption, filename, owner): a word in the title
 * or a tag counts several times one in the caption or file name.
 */
export const FTS5_RANK = sql.raw('bm25(image_search, 0.0, 10.0, 10.0, 3.0, 2.0, 1.0)');
