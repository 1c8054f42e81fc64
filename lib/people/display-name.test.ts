import { describe, expect, it } from 'vitest';
import { displayName, UNNAMED_MEMBER } from './display-name';

const named = { id: 'u1', name: 'Grace Hopper', email: 'grace@example.com' };
const unnamed = { id: 'u2', name: null, email: 'linus.t@example.com' };

describe('displayName', () => {
  it('shows a display name to everyone', () => {
    for (const role of ['viewer', 'uploader', 'admin'] as const)
      expect(displayName(named, { id: 'other', role })).toBe('Grace Hopper');
  });

  it('shows admins the name-part of the email of someone without a name', () => {
    expect(displayName(unnamed, { id: 'admin', role: 'admin' })).toBe('linus.t');
  });

  it('shows everyone else "a member", never the email', () => {
    expect(displayName(unnamed, { id: 'v', role: 'viewer' })).toBe(UNNAMED_MEMBER);
    expect(displayName(unnamed, { id: 'up', role: 'uploader' })).toBe(UNNAMED_MEMBER);
  });

  it('shows people their own email name-part', () => {
    expect(displayName(unnamed, { id: 'u2', role: 'viewer' })).toBe('linus.t');
  });

  it('treats a blank name as none', () => {
    expect(displayName({ ...unnamed, name: '  ' }, { id: 'v', role: 'viewer' })).toBe(UNNAMED_MEMBER);
  });
});
