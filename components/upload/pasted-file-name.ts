/**
 * Browsers name every pasted image "image.png" (or the like), and the title is made from the file
 * name. A pasted screenshot gets "Screenshot 2026-12-01 14:03" (local time, as the clock showed when
 * it was pasted) instead; a real file name (copied files from a file manager) is kept.
 */
const GENERIC_NAME = /^(image|blob|clipboard|untitled)?(\.[a-z0-9]{2,5})?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

export function screenshotTitle(at: Date): string {
  return `Screenshot ${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The name to upload a pasted file under; `index` numbers several images pasted at once (from 0). */
export function pastedFileName(name: string, type: string, at: Date, index = 0): string {
  if (!GENERIC_NAME.test(name.trim())) return name;
  const ext =
    name.match(/\.[a-z0-9]{2,5}$/i)?.[0] ??
    `.${(type.split('/')[1] ?? 'png').replace('jpeg', 'jpg').replace('+xml', '')}`;
  return `${screenshotTitle(at)}${index > 0 ? ` (${index + 1})` : ''}${ext}`;
}

/** The pasted files, the generically named ones renamed (same bytes and type). */
export function renamePasted(files: readonly File[], at = new Date()): File[] {
  let generic = 0;
  return files.map((file) => {
    const name = pastedFileName(file.name, file.type, at, generic);
    if (name === file.name) return file;
    generic++;
    return new File([file], name, { type: file.type, lastModified: file.lastModified });
  });
}
