/**
 * The personas of the table as real accounts in the test's store, and acting as one of them through
 * the fake session of test/helpers/session (the test file mocks `@/lib/auth/session` with it).
 */
import type { Role } from '@/lib/auth/roles';
import type { Persona } from './table';

export interface Person {
  id: string;
  email: string;
  role: Role;
}

export type People = Record<Exclude<Persona, 'anonymous'>, Person>;

const ROLE_OF: Record<keyof People, Role> = {
  viewer: 'viewer',
  uploader: 'uploader',
  otherUploader: 'uploader',
  admin: 'admin',
};

let made = 0;

/** A new account; emails are unique within the test file. */
export async function newPerson(role: Role, label: string = role): Promise<Person> {
  const { createUser } = await import('@/lib/db/users');
  const email = `${label.toLowerCase()}-${++made}@example.com`;
  const row = await createUser({ email, passwordHash: null, role });
  return { id: row.id, email: row.email, role };
}

/** One account per signed-in persona. */
export async function createPeople(): Promise<People> {
  const people: Partial<People> = {};
  for (const [persona, role] of Object.entries(ROLE_OF) as [keyof People, Role][]) {
    people[persona] = await newPerson(role, persona);
  }
  return people as People;
}

export const personOf = (people: People, persona: Persona): Person | null =>
  persona === 'anonymous' ? null : people[persona];

/** The next calls run as `persona` (signed out for `anonymous`). */
export async function actAs(people: People, persona: Persona): Promise<Person | null> {
  const { signInAs } = await import('@/test/helpers/session');
  const person = personOf(people, persona);
  signInAs(person);
  return person;
}
