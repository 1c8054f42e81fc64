/**
 * What a valid user looks like, in one place: the admin form, first-run setup, sign-in, the users CLI
 * and the database all use these definitions.
 */
import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';
import { plainText } from './plain-text';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;
export const EMAIL_MAX_LENGTH = 320;
export const NAME_MAX_LENGTH = 100;

/** Emails are stored and compared trimmed and lower-case, so `Ann@Example.com ` and `ann@example.com` are one user. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .transform(normalizeEmail)
  .pipe(
    z
      .email('Enter a valid email address.')
      .max(EMAIL_MAX_LENGTH, `An email address has at most ${EMAIL_MAX_LENGTH} characters.`),
  );

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `The password needs at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`);

/** Optional display name; empty means none. */
export const nameSchema = plainText(
  z.string().trim().max(NAME_MAX_LENGTH, `A name has at most ${NAME_MAX_LENGTH} characters.`),
)
  .optional()
  .transform((name) => name || null);

export const roleSchema = z.enum(ROLES, { message: `The role must be one of ${ROLES.join(', ')}.` });

/** A user added by an admin (form or CLI). */
export const newUserSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  role: roleSchema,
});
export type NewUser = z.infer<typeof newUserSchema>;

/** The profile page's display-name form: empty clears the name. */
export const displayNameSchema = z.object({ name: nameSchema });

/** The profile page's password change: the current password proves it is the person, not just their browser. */
export const changePasswordSchema = z
  .object({
    current: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX_LENGTH),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: 'The new passwords do not match.', path: ['confirm'] })
  .refine((v) => v.password !== v.current, {
    message: 'The new password is the same as the current one.',
    path: ['password'],
  });
