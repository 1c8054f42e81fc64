import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BATCH, uploadBatchSchema } from './api';

const file = { filename: 'a.jpg', size: 1000, type: 'image/jpeg' };

describe('uploadBatchSchema', () => {
  it(`takes 1 to ${MAX_UPLOAD_BATCH} valid files`, () => {
    expect(uploadBatchSchema.safeParse({ files: [file] }).success).toBe(true);
    expect(uploadBatchSchema.safeParse({ files: Array(MAX_UPLOAD_BATCH).fill(file) }).success).toBe(true);
  });

  it('refuses an empty list, too many files and any invalid file, with a message', () => {
    expect(uploadBatchSchema.safeParse({ files: [] }).error?.issues[0]?.message).toBe('List at least one file.');
    expect(
      uploadBatchSchema.safeParse({ files: Array(MAX_UPLOAD_BATCH + 1).fill(file) }).error?.issues[0]?.message,
    ).toBe(`At most ${MAX_UPLOAD_BATCH} files per request.`);
    const bad = uploadBatchSchema.safeParse({ files: [file, { ...file, type: 'image/tiff' }] });
    expect(bad.error?.issues[0]?.path).toEqual(['files', 1, 'type']);
  });
});
