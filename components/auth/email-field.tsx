import { TextField } from '@/components/ui/text-field';

/** The email field that opens the sign-in and setup forms (each page is only its form: focus starts here). */
export function EmailField({ defaultValue }: { defaultValue?: string }) {
  return (
    <TextField
      id="email"
      label="Email"
      name="email"
      type="email"
      autoComplete="email"
      required
      autoFocus
      defaultValue={defaultValue}
    />
  );
}
