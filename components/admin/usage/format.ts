/** Numbers on the usage page: grouped digits, whole dollars, bytes as people read them, short UTC days. */
export const count = (n: number): string => Math.round(n).toLocaleString('en-US');

export const usd = (n: number): string => `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "2026-03-10" → "03-10": axis labels that fit a phone. */
export const shortDay = (day: string): string => day.slice(5);

export function monthName(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
