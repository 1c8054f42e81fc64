/**
 * `npm run users -- <command>`: manage users from a shell (scripts, tests, recovery).
 *   add <email> --password <password> --role <admin|uploader|viewer> [--name <name>]
 *   list
 *   set-role <email> <role>
 *   set-password <email> <password>
 *   remove <email>
 */
import { hashPassword, PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import { isRole, ROLES } from '@/lib/auth/roles';
import { DuplicateEmailError, findUserByEmail, listUsers, setUserPassword } from '@/lib/db/users';
import { addUser, changeRole, removeUserAndImages, UserRuleError } from '@/lib/users';

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function need<T>(value: T | undefined | null, message: string): T {
  if (value === undefined || value === null || value === '') throw new UsageError(message);
  return value;
}

function checkPassword(password: string): string {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new UsageError(`Passwords need at least ${PASSWORD_MIN_LENGTH} characters.`);
  return password;
}

async function run(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'add': {
      const email = need(args[0], 'add needs an email: users add <email> --password <password> --role <role>');
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError(`"${email}" is not an email address.`);
      const password = need(option(args, 'password'), 'add needs --password <password>');
      const role = option(args, 'role') ?? 'viewer';
      if (!isRole(role)) throw new UsageError(`Unknown role "${role}"; use ${ROLES.join(', ')}.`);
      const user = await addUser(null, { email, name: option(args, 'name') ?? null, password, role });
      console.log(`Added ${user.email} (${user.role}).`);
      return;
    }
    case 'list': {
      const users = listUsers();
      if (users.length === 0)
        console.log(
          'No users yet. Open /setup in the app, or: npm run users -- add <email> --password <pw> --role admin',
        );
      for (const u of users) console.log(`${u.role.padEnd(8)}  ${u.email}${u.name ? `  (${u.name})` : ''}`);
      return;
    }
    case 'set-role': {
      const user = need(
        findUserByEmail(need(args[0], 'set-role needs an email')),
        `No user with the email ${args[0]}.`,
      );
      const role = need(args[1], 'set-role needs a role');
      if (!isRole(role)) throw new UsageError(`Unknown role "${role}"; use ${ROLES.join(', ')}.`);
      changeRole(null, user.id, role);
      console.log(`${user.email} is now ${role}.`);
      return;
    }
    case 'set-password': {
      const user = need(
        findUserByEmail(need(args[0], 'set-password needs an email')),
        `No user with the email ${args[0]}.`,
      );
      setUserPassword(user.id, await hashPassword(checkPassword(need(args[1], 'set-password needs a password'))));
      console.log(`Password of ${user.email} changed.`);
      return;
    }
    case 'remove': {
      const user = need(findUserByEmail(need(args[0], 'remove needs an email')), `No user with the email ${args[0]}.`);
      try {
        const count = await removeUserAndImages(null, user.id);
        console.log(`Removed ${user.email} and their ${count} image(s).`);
      } catch (err) {
        if (err instanceof UserRuleError) throw err;
        throw new UsageError(
          `Could not delete ${user.email}'s images from the image service (${err instanceof Error ? err.message : err}). Is the app running (npm start)? Nothing was removed.`,
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

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError || err instanceof DuplicateEmailError || err instanceof UserRuleError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
