import type { ProfileFormState } from '@/app/(gallery)/profile/actions';
import { FormAlert } from '@/components/ui/form-alert';
import styles from './profile.module.css';

/** A profile form's outcome: the error, or what changed (announced politely). */
export function FormStatus({ state }: { state: ProfileFormState }) {
  return (
    <>
      <FormAlert message={state.error} />
      <p role="status" className={state.done ? styles.done : 'sr-only'}>
        {state.done}
      </p>
    </>
  );
}
