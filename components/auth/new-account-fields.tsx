import { TextField } from '@/components/ui/text-field';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';

export interface NewAccountFieldsProps {
  /** The name typed before a refusal, so the form keeps it. */
  defaultName?: string;
}

/** Name, password and its confirmation: the fields every form that creates one's own account asks for. */
export function NewAccountFields({ defaultName }: NewAccountFieldsProps) {
  return (
    <>
      <TextField
        id="name"
        label="Name (optional)"
        name="name"
        type="text"
        autoComplete="name"
        defaultValue={defaultName}
      />
      {(['password', 'confirm'] as const).map((field) => (
        <TextField
          key={field}
          id={field}
          label={field === 'password' ? 'Password' : 'Confirm password'}
          name={field}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          required
        />
      ))}
    </>
  );
}
