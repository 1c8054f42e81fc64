'use client';
import { ErrorState } from './states';

export interface PageErrorProps {
  /** What could not be loaded, as in "The images could not be loaded." */
  what: string;
  reset: () => void;
}

/** The body of an admin page's `error.tsx`: no internals, a way to try again. */
export function PageError({ what, reset }: PageErrorProps) {
  return (
    <ErrorState
      title={`${what} could not be loaded`}
      message="The server or the image service did not answer as expected. Nothing was changed."
      onRetry={reset}
    />
  );
}
