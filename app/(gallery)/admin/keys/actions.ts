'use server';
// Server actions of the signing keys page. Each checks the admin role itself (asAdmin); a refusal comes
// back as `{ error }` and changes nothing. A key's value leaves the server only through revealKeyAction.
import { revalidatePath } from 'next/cache';
import { asAdmin, type Refusal } from '@/lib/admin/guard';
import { deleteKey, revealKey, rotateKey } from '@/lib/admin/keys';
import { ApiError } from '@/lib/api/errors';

export interface KeyActionState {
  error?: string;
  ok?: string;
}

const fingerprintOf = (value: unknown): string => {
  if (typeof value !== 'string' || !/^[0-9a-f]{16}$/.test(value)) {
    throw new ApiError(400, 'invalid_request', 'That is not a key of this account.');
  }
  return value;
};

/** The value of one key, for an admin who clicked "Reveal" (audited). */
export async function revealKeyAction(fingerprint: string): Promise<{ value: string } | Refusal> {
  return asAdmin(async (admin) => ({ value: await revealKey(admin, fingerprintOf(fingerprint)) }));
}

export async function rotateKeyAction(): Promise<KeyActionState> {
  return asAdmin(async (admin) => {
    const name = await rotateKey(admin);
    revalidatePath('/admin/keys');
    return { ok: `Created "${name}": new links are signed with it; links signed with older keys keep working.` };
  });
}

/** Deletes a key; `breakLinks` is the admin's explicit consent to end links that may still be valid. */
export async function deleteKeyAction(fingerprint: string, breakLinks: boolean): Promise<KeyActionState> {
  return asAdmin(async (admin) => {
    const { name, brokeLinks } = await deleteKey(admin, fingerprintOf(fingerprint), breakLinks === true);
    revalidatePath('/admin/keys');
    return {
      ok: brokeLinks
        ? `Deleted "${name}": links signed with it no longer work.`
        : `Deleted "${name}"; no link signed with it was still valid.`,
    };
  });
}
