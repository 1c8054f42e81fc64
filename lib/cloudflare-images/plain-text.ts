/**
 * Text people type holds no C0 control characters but tab, line feed and carriage return, and no DEL:
 * PostgreSQL refuses a NUL in text outright, and the others only ever arrive from scripts or
 * copy-paste accidents (and can upset terminals and logs). Shared by the app's schemas and cursors.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);
