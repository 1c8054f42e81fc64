/** The one rule for free text (titles, captions, names, file names, searches): no control characters. */
import type { z } from 'zod';
import { hasControlCharacters } from '@/lib/cloudflare-images/plain-text';

export const PLAIN_TEXT_MESSAGE = 'Control characters (such as NUL) are not allowed.';

/** `schema` refusing C0 control characters but tab and new lines, and DEL (see hasControlCharacters). */
export const plainText = (schema: z.ZodString): z.ZodString =>
  schema.refine((text) => !hasControlCharacters(text), PLAIN_TEXT_MESSAGE);
