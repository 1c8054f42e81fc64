'use server';
// Server actions of the variants page. Each checks the admin role itself (asAdmin); a refusal (not an
// admin, bad input, the image service saying no) comes back as `{ error }` and changes nothing.
import { revalidatePath } from 'next/cache';
import { asAdmin, type Refusal } from '@/lib/admin/guard';
import { type VariantPreview, variantPreview } from '@/lib/admin/variant-preview';
import { createVariant, deleteVariant, updateAccountSettings, updateVariant } from '@/lib/admin/variants';
import { ApiError } from '@/lib/api/errors';
import { accountSettingsFormSchema, previewRequestSchema, variantFormSchema } from '@/lib/schemas/admin-variants';

export interface FormState {
  error?: string;
  ok?: string;
}

function parse<T>(
  result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } },
): T {
  if (!result.success) throw new ApiError(400, 'invalid_request', result.error.issues[0]?.message ?? 'Check the form.');
  return result.data;
}

/** Creates a variant, or (with `mode=update`) changes one; the form's fields are the variant's. */
export async function saveVariantAction(_prev: FormState, form: FormData): Promise<FormState> {
  return asAdmin(async (admin) => {
    const input = parse(variantFormSchema.safeParse(Object.fromEntries(form)));
    const updating = form.get('mode') === 'update';
    if (updating) await updateVariant(admin, input);
    else await createVariant(admin, input);
    revalidatePath('/admin/variants');
    return { ok: `Variant "${input.id}" ${updating ? 'saved' : 'created'}.` };
  });
}

export async function deleteVariantAction(id: string): Promise<FormState> {
  return asAdmin(async (admin) => {
    if (typeof id !== 'string' || id === '') throw new ApiError(400, 'invalid_request', 'Which variant?');
    await deleteVariant(admin, id);
    revalidatePath('/admin/variants');
    return { ok: `Variant "${id}" deleted.` };
  });
}

export async function saveSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return asAdmin(async (admin) => {
    const input = parse(accountSettingsFormSchema.safeParse(Object.fromEntries(form)));
    await updateAccountSettings(admin, input);
    revalidatePath('/admin/variants');
    return { ok: 'Account settings saved.' };
  });
}

/** One image in one variant, with its size per format (read-only, but each fetch is a delivery). */
export async function previewVariantAction(variant: string, imageId: string): Promise<VariantPreview | Refusal> {
  return asAdmin(async (admin) => {
    const input = parse(previewRequestSchema.safeParse({ variant, imageId }));
    return variantPreview(admin, input.variant, input.imageId);
  });
}
