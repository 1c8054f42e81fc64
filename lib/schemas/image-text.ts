/** Captions and tags as people type them, and as the app stores them. */
import { z } from 'zod';
import { plainText } from './plain-text';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 32;
export const MAX_CAPTION_LENGTH = 2000;

/**
 * A tag is stored lower-case, trimmed, with inner spaces as `-`, and a leading `#` dropped: letters
 * and digits of any script, `-` and `_`, starting with a letter or digit.
 */
export const tagSchema = z
  .string()
  .transform((t) => t.normalize('NFKC').trim().replace(/^#+/, '').toLowerCase().replace(/\s+/g, '-'))
  .pipe(
    z
      .string()
      .min(1, 'A tag cannot be empty.')
      .max(MAX_TAG_LENGTH, `A tag may be at most ${MAX_TAG_LENGTH} characters.`)
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'Tags may hold letters, digits, “-” and “_” only.'),
  );

/**
 * Tags: normalised, duplicates removed (first kept), at most MAX_TAGS. The raw list and each raw tag are
 * bounded first (generously: duplicates and `#`/spaces are dropped later), so a long list is refused
 * before any tag is normalised.
 */
export const tagsSchema = z
  .array(z.string().max(MAX_TAG_LENGTH * 4, `A tag may be at most ${MAX_TAG_LENGTH} characters.`))
  .max(MAX_TAGS * 5, `An image may have at most ${MAX_TAGS} tags.`)
  .pipe(z.array(tagSchema))
  .transform((tags) => [...new Set(tags)])
  .pipe(z.array(z.string()).max(MAX_TAGS, `An image may have at most ${MAX_TAGS} tags.`));

export const captionSchema = plainText(
  z.string().trim().max(MAX_CAPTION_LENGTH, `A caption may be at most ${MAX_CAPTION_LENGTH} characters.`),
);

/** `PATCH /api/images/{id}/text`. */
export const imageTextSchema = z
  .object({ caption: captionSchema.optional(), tags: tagsSchema.optional() })
  .refine((v) => v.caption !== undefined || v.tags !== undefined, 'Nothing to change.');
export type ImageTextUpdate = z.infer<typeof imageTextSchema>;

/** A tag in a URL filter (`?tag=`): the same rules; an invalid one is refused (400), not ignored. */
export const tagFilterSchema = tagSchema;
