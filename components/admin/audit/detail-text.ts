/** An entry's detail (JSON text) as short `key: value` pairs for the table; anything unparsable as it is. */
export function detailText(detail: string | null): string {
  if (!detail) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return detail;
  return Object.entries(parsed)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/**
 * What an entry's target is called: the user's email or image's title while it exists, else what
 * the entry itself noted (a removed user's email, a deleted image's title), else its raw id.
 */
export function targetName(e: { target: string | null; targetLabel: string | null; detail: string | null }) {
  if (e.targetLabel) return e.targetLabel;
  try {
    const noted = JSON.parse(e.detail ?? 'null') as { email?: unknown; title?: unknown } | null;
    if (typeof noted?.email === 'string') return noted.email;
    if (typeof noted?.title === 'string') return noted.title;
  } catch {
    // Not JSON: fall back to the id.
  }
  return e.target;
}
