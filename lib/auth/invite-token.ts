/**
 * Invite tokens: 256 random bits in the link, only their SHA-256 in the store (as for session ids),
 * so a copy of the database cannot be turned into working invite links.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 32 bytes as base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newInviteToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** False for anything that cannot be a token we made (checked before any lookup). */
export function isInviteTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
