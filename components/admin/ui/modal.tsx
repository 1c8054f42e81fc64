'use client';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import styles from './admin-ui.module.css';

export interface ModalProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The buttons row. */
  footer: ReactNode;
  /** Escape and the backdrop call this; while `busy`, they do nothing. */
  onClose: () => void;
  busy?: boolean;
}

/** A modal on the native `<dialog>` (focus trapped, Escape closes); the parent owns `open`. */
export function Modal({ open, title, children, footer, onClose, busy = false }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: the parent closes us through `open`, and nothing is abandoned mid-request.
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          <div className={styles.dialogBody}>{children}</div>
          <div className={styles.dialogButtons}>{footer}</div>
        </>
      )}
    </dialog>
  );
}
