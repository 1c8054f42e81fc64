import { describe, expect, it } from 'vitest';
import { titleFromFilename } from '@/lib/images/uploads';
import { pastedFileName, renamePasted, screenshotTitle } from './pasted-file-name';

// Local time: the title shows the clock of the person pasting (the test runs with TZ as set).
const at = new Date(2026, 11, 1, 14, 3, 59);

describe('pasted screenshot names', () => {
  it('titles a pasted image by the local date and minute', () => {
    expect(screenshotTitle(at)).toBe('Screenshot 2026-12-01 14:03');
    expect(pastedFileName('image.png', 'image/png', at)).toBe('Screenshot 2026-12-01 14:03.png');
    expect(pastedFileName('', 'image/jpeg', at)).toBe('Screenshot 2026-12-01 14:03.jpg');
  });

  it('becomes the image title the server derives from the file name', () => {
    expect(titleFromFilename(pastedFileName('image.png', 'image/png', at))).toBe('Screenshot 2026-12-01 14:03');
  });

  it('keeps real file names', () => {
    expect(pastedFileName('holiday-042.jpg', 'image/jpeg', at)).toBe('holiday-042.jpg');
  });

  it('numbers several images pasted at once, and leaves bytes and type alone', async () => {
    const files = [
      new File(['a'], 'image.png', { type: 'image/png' }),
      new File(['b'], 'notes.png', { type: 'image/png' }),
      new File(['c'], 'image.png', { type: 'image/png' }),
    ];
    const renamed = renamePasted(files, at);
    expect(renamed.map((f) => f.name)).toEqual([
      'Screenshot 2026-12-01 14:03.png',
      'notes.png',
      'Screenshot 2026-12-01 14:03 (2).png',
    ]);
    expect(renamed[2]?.type).toBe('image/png');
    expect(await renamed[2]?.text()).toBe('c');
  });
});
