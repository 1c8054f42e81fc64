import { describe, expect, it } from 'vitest';
import { emailSchema, nameSchema, newUserSchema, PASSWORD_MIN_LENGTH, passwordSchema } from './user';

describe('user schemas', () => {
  it('normalizes emails and refuses what is not one', () => {
    expect(emailSchema.parse('  Ann@Example.COM ')).toBe('ann@example.com');
    expect(emailSchema.safeParse('ann').error?.issues[0]?.message).toBe('Enter a valid email address.');
    expect(emailSchema.safeParse(`${'a'.repeat(320)}@example.com`).success).toBe(false);
  });

  it('holds the one password minimum', () => {
    expect(passwordSchema.safeParse('x'.repeat(PASSWORD_MIN_LENGTH)).success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(PASSWORD_MIN_LENGTH - 1)).error?.issues[0]?.message).toBe(
      `The password needs at least ${PASSWORD_MIN_LENGTH} characters.`,
    );
  });

  it('reads a new user from form fields: an empty name is none, the role must be one of ours', () => {
    const fields = { email: 'b@example.com', name: ' ', password: 'long enough', role: 'viewer' };
    expect(newUserSchema.parse(fields)).toEqual({ ...fields, name: null });
    expect(nameSchema.parse(undefined)).toBeNull();
    expect(newUserSchema.safeParse({ ...fields, role: 'root' }).success).toBe(false);
  });
});
