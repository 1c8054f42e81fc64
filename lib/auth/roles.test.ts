import { describe, expect, it } from 'vitest';
import { canManageImage, canUpload, hasRole, isRole } from './roles';

describe('roles', () => {
  it('orders admin above uploader above viewer', () => {
    expect(hasRole('admin', 'uploader')).toBe(true);
    expect(hasRole('uploader', 'viewer')).toBe(true);
    expect(hasRole('uploader', 'admin')).toBe(false);
    expect(hasRole('viewer', 'uploader')).toBe(false);
    expect(hasRole('viewer', 'viewer')).toBe(true);
  });

  it('lets uploaders and admins upload, not viewers', () => {
    expect(canUpload({ id: 'a', role: 'admin' })).toBe(true);
    expect(canUpload({ id: 'u', role: 'uploader' })).toBe(true);
    expect(canUpload({ id: 'v', role: 'viewer' })).toBe(false);
  });

  it('lets the owner (uploader) or any admin manage an image, nobody else', () => {
    const image = { ownerId: 'u1' };
    expect(canManageImage({ id: 'u1', role: 'uploader' }, image)).toBe(true);
    expect(canManageImage({ id: 'u2', role: 'uploader' }, image)).toBe(false);
    expect(canManageImage({ id: 'x', role: 'admin' }, image)).toBe(true);
    // An owner demoted to viewer can no longer change what they uploaded.
    expect(canManageImage({ id: 'u1', role: 'viewer' }, image)).toBe(false);
  });

  it('recognises only the three roles', () => {
    expect(isRole('admin')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
