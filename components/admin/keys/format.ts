/** Times on the keys page: UTC, to the minute (the page renders on the server and again in the browser). */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
