/**
 * `npm run users -- <command>`: manage users from a shell (scripts, tests, recovery).
 *   add <email> --password <password> --role <admin|uploader|viewer> [--name <name>]
 *   list
 *   set-role <email> <role>
 *   set-password <email> <password>
 *   remove <email>
 */
import type { z } from 'zod';
import { closeDb } from '@/lib/db/index';
import {
  addUser,
  changePassword,
  changeRole,
  DuplicateEmailError,
  findUserByEmail,
  listUsers,
  type UserRow,
  UserRuleError,
} from '@/lib/db/users';
import { removeUserAndImages } from '@/lib/images/manage';
import { emailSchema, nameSchema, passwordSchema, roleSchema } from '@/lib/schemas/user';
import { completeLocalEnv } from './local-secrets';

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function need<T>(value: T | undefined | null, message: string): T {
  if (value === undefined || value === null || value === '') throw new UsageError(message);
  return value;
}

/** The same checks the admin form makes, with the same messages. */
function valid<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Invalid value.');
  return parsed.data;
}

async function existingUser(email: string | undefined, command: string): Promise<UserRow> {
  const given = need(email, `${command} needs an email`);
  return need(await findUserByEmail(given), `No user with the email ${given}.`);
}

async function run(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'add': {
      const email = valid(
        emailSchema,
        need(args[0], 'add needs an email: users add <email> --password <password> --role <role>'),
      );
      const password = valid(passwordSchema, need(option(args, 'password'), 'add needs --password <password>'));
      const role = valid(roleSchema, option(args, 'role') ?? 'viewer');
      const user = await addUser(null, { email, name: valid(nameSchema, option(args, 'name')), password, role });
      console.log(`Added ${user.email} (${user.role}).`);
      return;
    }
    case 'list': {
      const users = await listUsers();
      if (users.length === 0)
        console.log(
          'No users yet. Open /setup in the app, or: npm run users -- add <email> --password <pw> --role admin',
        );
      for (const u of users) console.log(`${u.role.padEnd(8)}  ${u.email}${u.name ? `  (${u.name})` : ''}`);
      return;
    }
    case 'set-role': {
      const user = await existingUser(args[0], 'set-role');
      const role = valid(roleSchema, need(args[1], 'set-role needs a role'));
      await changeRole(null, user.id, role);
      console.log(`${user.email} is now ${role}.`);
      return;
    }
    case 'set-password': {
      const user = await existingUser(args[0], 'set-password');
      await changePassword(null, user.id, valid(passwordSchema, need(args[1], 'set-password needs a password')));
      console.log(`Password of ${user.email} changed.`);
      return;
    }
    case 'remove': {
      const user = await existingUser(args[0], 'remove');
      try {
        const count = await removeUserAndImages(null, user.id);
        console.log(`Removed ${user.email} and their ${count} image(s).`);
      } catch (err) {
        if (err instanceof UserRuleError) throw err;
        throw new UsageError(
          `Could not delete ${user.email}'s images from the image service (${err instanceof Error ? err.message : err}). Is the app running (npm start)? The user was kept.`,
        );
      }
      return;
    }
    default:
      throw new UsageError(
        'Commands: add <email> --password <pw> --role <admin|uploader|viewer> [--name <name>], list, set-role <email> <role>, set-password <email> <pw>, remove <email>',
      );
  }
}

// The app's configuration needs the secrets a local run keeps; on a fresh clone this makes them, as `npm start` would.
completeLocalEnv(process.env);
run(process.argv.slice(2))
  .then(closeDb) // a PostgreSQL pool would keep the process alive
  .catch((err: unknown) => {
    if (err instanceof UsageError || err instanceof DuplicateEmailError || err instanceof UserRuleError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  });
