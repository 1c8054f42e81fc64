'use client';
import type { ReactNode } from 'react';
import styles from './admin-ui.module.css';
import { Modal } from './modal';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** `danger` for what cannot be undone. */
  tone?: 'danger' | 'primary';
  /** While the action runs: both buttons wait, the dialog stays. */
  pending?: boolean;
  /** False keeps the confirm button disabled (e.g. until a required choice is made). */
  canConfirm?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Are you sure?" before an action, as a modal; Escape and Cancel change nothing. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = 'primary',
  pending = false,
  canConfirm = true,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Modal
      open={open}
      title={title}
      onClose={onCancel}
      busy={pending}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button
            type="button"
            className={tone === 'danger' ? `button ${styles.dangerButton}` : 'button button-primary'}
            onClick={onConfirm}
            disabled={pending || !canConfirm}
          >
            {pending ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Modal>
  );
}
