/**
 * Formatting for the console's image table. Dates are shown in UTC: the page renders on the server and
 * again in the browser, and the date filters are UTC days, so one fixed zone keeps all three in step.
 */

export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export function ownerName(owner: { name: string | null; email: string }): string {
  return owner.name ?? owner.email;
}
