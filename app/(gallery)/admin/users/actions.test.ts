/** The users page's server actions answer anyone who is not an admin with a refusal, never a 500, and change nothing. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import { stubAppEnv } from '@/test/helpers/app-env';

vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
stubAppEnv();

const { signInAs } = await import('@/test/helpers/session');
const { createUser, findUserByEmail, findUserById } = await import('@/lib/db/users');
const { addUserAction, changeRoleAction, removeUserAction } = await import('./actions');

type Person = { id: string; email: string; role: Role };
const add = async (email: string, role: Role): Promise<Person> => ({
  id: (await createUser({ email, passwordHash: null, role })).id,
  email,
  role,
});
let admin: Person;
let uploader: Person;
let viewer: Person;

beforeAll(async () => {
  admin = await add('admin@example.com', 'admin');
  uploader = await add('uploader@example.com', 'uploader');
  viewer = await add('viewer@example.com', 'viewer');
});

const newUserForm = (email: string) => {
  const form = new FormData();
  for (const [k, v] of Object.entries({ email, name: '', password: 'long enough', role: 'admin' })) form.set(k, v);
  return form;
};

describe('admin server actions', () => {
  it('refuse uploaders and viewers with an error state and change nothing', async () => {
    for (const who of [uploader, viewer]) {
      signInAs(who);
      const refusal = { error: `This needs the admin role; you are a ${who.role}.` };
      expect(await addUserAction({}, newUserForm(`sneaky-${who.role}@example.com`))).toEqual(refusal);
      expect(await changeRoleAction(who.id, 'admin')).toEqual(refusal);
      expect(await removeUserAction(admin.id)).toEqual(refusal);
      expect(await findUserByEmail(`sneaky-${who.role}@example.com`)).toBeUndefined();
      expect((await findUserById(who.id))?.role).toBe(who.role);
      expect(await findUserById(admin.id)).toBeDefined();
    }
  });

  it('refuse the signed-out the same way', async () => {
    signInAs(null);
    expect(await changeRoleAction(viewer.id, 'admin')).toEqual({ error: 'Sign in to continue.' });
  });

  it('let an admin act, with the shared rules and messages', async () => {
    signInAs(admin);
    expect(await addUserAction({}, newUserForm('New@Example.com'))).toEqual({ ok: 'Added new@example.com as admin.' });
    const short = newUserForm('short@example.com');
    short.set('password', 'short');
    expect(await addUserAction({}, short)).toEqual({ error: 'The password needs at least 8 characters.' });
    expect(await changeRoleAction(viewer.id, 'root')).toEqual({ error: 'Unknown role.' });
    expect(await changeRoleAction(viewer.id, 'uploader')).toEqual({ ok: 'Role changed.' });
    expect(await removeUserAction(viewer.id)).toEqual({ ok: 'User removed with 0 image(s).' });
  });
});
