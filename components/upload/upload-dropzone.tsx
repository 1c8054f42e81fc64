'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useEffect, useId, useReducer, useRef, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { ACCEPTED_CONTENT_TYPES, FILE_EXTENSIONS, formatNames } from '@/lib/cloudflare-images/formats';
import { MAX_UPLOAD_BYTES, megabytes } from '@/lib/cloudflare-images/limits';
import { imageKeys } from '@/lib/queries/images';
import { renamePasted } from './pasted-file-name';
import styles from './upload-dropzone.module.css';
import {
  guessType,
  initialUploadState,
  isPending,
  MAX_PARALLEL_UPLOADS,
  refusalReason,
  summarize,
  type UploadItem,
  uploadReducer,
} from './upload-queue';
import { UploadRow } from './upload-row';
import { UploadScheduler } from './upload-scheduler';
import { browserTransport } from './upload-transport';

// Extensions too: some systems know no MIME type for AVIF, and the picker would hide those files.
const PICKER_ACCEPT = [
  ...ACCEPTED_CONTENT_TYPES,
  ...[...Object.values(FILE_EXTENSIONS), ['heic', 'heif']].flat().map((ext) => `.${ext}`),
].join(',');

export function UploadDropzone() {
  const [state, dispatch] = useReducer(uploadReducer, initialUploadState);
  const queryClient = useQueryClient();
  const hintId = useId();
  const lastKey = useRef(0);
  const previews = useRef(new Set<string>());

  const addFiles = useCallback((files: readonly File[]) => {
    if (files.length === 0) return;
    const items = files.map((file): UploadItem => {
      const type = guessType(file);
      const reason = refusalReason(file, type);
      return {
        key: `upload-${++lastKey.current}`,
        file,
        type,
        // Browsers other than Safari cannot show HEIC: no preview rather than a broken one.
        previewUrl: reason === null && !type.startsWith('image/hei') ? URL.createObjectURL(file) : null,
        status: reason === null ? { kind: 'waiting' } : { kind: 'refused', message: reason },
        attempt: 0,
        recordId: null,
        tries: 0,
      };
    });
    dispatch({ type: 'add', items });
  }, []);

  const { getRootProps, getInputProps, open, isDragActive } = useDropzone({
    onDrop: (accepted, rejected) => addFiles([...accepted, ...rejected.map((r) => r.file)]),
    // No accept/size options: refusalReason gives the messages. The "Choose files" button is the
    // click and keyboard path (a clickable region around it would nest controls), and the window-wide
    // paste listener below replaces the built-in one, which only hears pastes inside the zone.
    noClick: true,
    noKeyboard: true,
    noPaste: true,
    multiple: true,
  });

  // Paste anywhere on the page (a screenshot, copied files) while the uploader is open. The region says
  // when the listener is on (`data-paste-ready`): a paste before hydration has nobody to hear it.
  const [pasteReady, setPasteReady] = useState(false);
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return; // plain text pastes stay untouched
      event.preventDefault();
      addFiles(renamePasted(files));
    };
    window.addEventListener('paste', onPaste);
    setPasteReady(true);
    return () => window.removeEventListener('paste', onPaste);
  }, [addFiles]);

  // The side effects (minting, uploads, automatic retries) live in the scheduler; it sees every change.
  const scheduler = useRef<UploadScheduler | null>(null);
  const latest = useRef(state.items);
  latest.current = state.items;
  useEffect(() => {
    const s = new UploadScheduler(dispatch, {
      transport: browserTransport,
      onReady: () => void queryClient.invalidateQueries({ queryKey: imageKeys.lists() }),
    });
    scheduler.current = s;
    s.sync(latest.current);
    return () => {
      s.dispose();
      scheduler.current = null;
    };
  }, [queryClient]);
  useEffect(() => scheduler.current?.sync(state.items), [state.items]);

  // Revoke the object URLs of rows that went away; all of them when the page closes.
  useEffect(() => {
    const current = new Set(state.items.flatMap((item) => (item.previewUrl ? [item.previewUrl] : [])));
    for (const url of previews.current) if (!current.has(url)) URL.revokeObjectURL(url);
    previews.current = current;
  }, [state.items]);

  useEffect(() => {
    const urls = previews;
    return () => {
      for (const url of urls.current) URL.revokeObjectURL(url);
      urls.current = new Set();
    };
  }, []);

  const busy = state.items.some((item) => isPending(item.status));
  // Closing the tab mid-upload loses the files; let the browser ask first.
  useEffect(() => {
    if (!busy) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [busy]);

  const cancel = useCallback((key: string) => {
    scheduler.current?.cancel(key);
    dispatch({ type: 'cancel', key });
  }, []);
  const retry = useCallback((key: string) => dispatch({ type: 'retry', key }), []);
  const remove = useCallback((key: string) => dispatch({ type: 'remove', key }), []);
  const uploadAnyway = useCallback((key: string) => dispatch({ type: 'uploadAnyway', key }), []);

  const doneCount = state.items.filter((item) => item.status.kind === 'done').length;
  const failedCount = state.items.filter((item) => item.status.kind === 'failed').length;
  const summary = summarize(state.items);

  return (
    <section className={styles.uploader}>
      <div
        {...getRootProps({
          className: `${styles.dropzone} ${isDragActive ? styles.dragActive : ''}`,
          role: 'region',
          'aria-label': 'Drop images here or choose files',
          'aria-describedby': hintId,
          'data-paste-ready': pasteReady || undefined,
        })}
      >
        <input {...getInputProps({ accept: PICKER_ACCEPT, 'aria-label': 'Image files to upload' })} />
        <svg className={styles.icon} viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
        </svg>
        <p className={styles.prompt}>
          {isDragActive ? 'Drop to upload' : 'Drag images here, or paste them from the clipboard'}
        </p>
        <button type="button" className="button button-primary" onClick={open}>
          Choose files
        </button>
        <p id={hintId} className={`muted ${styles.hint}`}>
          {formatNames('or')}, up to {megabytes(MAX_UPLOAD_BYTES)} each. Up to {MAX_PARALLEL_UPLOADS} upload at a time.
        </p>
      </div>

      <div className={styles.toolbar}>
        {/* Always mounted, so screen readers announce it as files move between states. */}
        <p role="status" className={summary ? styles.summary : 'sr-only'}>
          {summary}
        </p>
        {state.items.length > 0 && (
          <div className={styles.toolbarActions}>
            {!busy && doneCount > 0 && (
              <Link className="button button-primary" href="/">
                View in gallery
              </Link>
            )}
            {failedCount > 0 && (
              <button type="button" className="button" onClick={() => dispatch({ type: 'retryAllFailed' })}>
                Retry all failed ({failedCount})
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() => dispatch({ type: 'clearFinished' })}
              disabled={doneCount === 0}
            >
              Clear finished
            </button>
          </div>
        )}
      </div>

      {state.items.length > 0 && (
        <ul className={styles.list} aria-label="Uploads">
          {state.items.map((item) => (
            <UploadRow
              key={item.key}
              item={item}
              onCancel={cancel}
              onRetry={retry}
              onRemove={remove}
              onUploadAnyway={uploadAnyway}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
