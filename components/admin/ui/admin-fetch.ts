/** Calls an admin route handler from the browser; any refusal comes back as a sentence to show, never a throw. */

export type AdminFetchResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export async function adminFetch<T>(
  url: string,
  init?: { method?: string; body?: unknown },
): Promise<AdminFetchResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init?.method ?? 'GET',
      headers: init?.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, message: 'The server could not be reached. Check your connection.' };
  }
  if (res.ok) return { ok: true, data: (res.status === 204 ? null : await res.json()) as T };
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return { ok: false, status: res.status, message: body?.error?.message ?? `The request failed (HTTP ${res.status}).` };
}
