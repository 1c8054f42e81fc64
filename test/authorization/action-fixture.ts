/**
 * What server actions of the table are called with: fresh targets made for each call, through the
 * app's own functions or the image service's REST API (test/authorization/table.ts, ActionFixture).
 */
import { expect } from 'vitest';
import type { TestService } from '@/test/helpers/service';
import { newPerson, type People } from './people';
import type { ActionFixture } from './table';
import { makeTarget } from './targets';

let made = 0;

/** The image service's REST API, as the app's client calls it; the envelope's `result`. */
async function rest<T>(t: TestService, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${t.api}/${path}`, {
    method,
    headers: { ...t.auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return ((await res.json()) as { result: T }).result;
}

export async function makeActionFixture(people: People, t: TestService): Promise<ActionFixture> {
  const { hashPassword } = await import('@/lib/auth/password');
  const { createUser } = await import('@/lib/db/users');
  const signInAccount = { email: 'sign-in@example.com', password: 'the sign-in password' };
  await createUser({
    email: signInAccount.email,
    passwordHash: await hashPassword(signInAccount.password),
    role: 'viewer',
  });
  const unusedEmail = () => `new-${++made}@example.com`;
  const unusedName = () => `authz${++made}`;
  return {
    signInAccount,
    unusedEmail,
    unusedName,
    newUser: (role) => newPerson(role, 'target'),
    newInvite: async (role) => {
      const { createInvite } = await import('@/lib/admin/invites');
      return createInvite(people.admin, { email: unusedEmail(), role });
    },
    newImage: () => makeTarget('image', people.uploader),
    newKey: async () => {
      const { keyFingerprint } = await import('@/lib/images/key-ages');
      const name = unusedName();
      const { keys } = await rest<{ keys: { name: string; value: string }[] }>(t, 'PUT', `v1/keys/${name}`);
      const key = keys.find((k) => k.name === name);
      if (!key) throw new Error(`The image service did not list the new key ${name}.`);
      return keyFingerprint(key);
    },
    newVariant: async () => {
      const id = unusedName();
      await rest(t, 'POST', 'v1/variants', { id, options: { fit: 'scale-down', width: 120, metadata: 'none' } });
      return id;
    },
    form: (fields) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      return form;
    },
  };
}
