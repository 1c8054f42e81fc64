/** React Query keys and options for images. URLs in responses are signed; refetch well before they expire. */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { GalleryPage, ImageDetail } from '@/lib/schemas/api';

/** Signed URLs live at least an hour (bucketed to 15 min); lists refresh after 20 minutes. */
export const IMAGE_STALE_MS = 20 * 60_000;

export interface GalleryFilters {
  filter: 'all' | 'mine';
  q: string;
  /** `uploaded`: newest upload first; `taken`: the timeline, newest capture date first. */
  sort: 'uploaded' | 'taken';
  /** One tag chip's filter (normalised); '' for none. */
  tag: string;
}

export const imageKeys = {
  all: ['images'] as const,
  lists: () => [...imageKeys.all, 'list'] as const,
  list: (filters: GalleryFilters) => [...imageKeys.lists(), filters] as const,
  detail: (id: string) => [...imageKeys.all, 'detail', id] as const,
};

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The response's `Retry-After` in seconds (429, 503), or null when it sent none. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - nowMs) / 1000);
}

/** fetch for the app's own API: JSON in and out, `{error: {code, message}}` turned into ApiRequestError. */
export async function apiFetch<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiRequestError(
      res.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `Request failed (${res.status}).`,
      parseRetryAfter(res.headers.get('retry-after')),
    );
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export function galleryQueryOptions(filters: GalleryFilters) {
  return infiniteQueryOptions({
    queryKey: imageKeys.list(filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ filter: filters.filter });
      if (filters.q) params.set('q', filters.q);
      if (filters.sort === 'taken') params.set('sort', 'taken');
      if (filters.tag) params.set('tag', filters.tag);
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<GalleryPage>(`/api/images?${params}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: IMAGE_STALE_MS,
  });
}

export const tagKeys = { popular: (filter: GalleryFilters['filter']) => ['tags', filter] as const };

export function popularTagsQueryOptions(filter: GalleryFilters['filter']) {
  return queryOptions({
    queryKey: tagKeys.popular(filter),
    queryFn: () => apiFetch<{ tags: { tag: string; count: number }[] }>(`/api/tags?filter=${filter}`),
    staleTime: 60_000,
  });
}

export function imageDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: imageKeys.detail(id),
    queryFn: () => apiFetch<ImageDetail>(`/api/images/${encodeURIComponent(id)}`),
    staleTime: IMAGE_STALE_MS,
  });
}

/**
 * How long until a loaded gallery must be refetched so no tile is left holding an expired URL
 * (for `refetchInterval`): five minutes before the earliest page expires, at least a minute from now.
 */
export function msUntilUrlRefresh(
  pages: readonly Pick<GalleryPage, 'urlsExpireAt'>[] | undefined,
  nowMs = Date.now(),
): number | false {
  const expiries = (pages ?? []).map((p) => p.urlsExpireAt).filter((t) => t > 0);
  if (expiries.length === 0) return false;
  return Math.max(60_000, Math.min(...expiries) * 1000 - 5 * 60_000 - nowMs);
}

/** For `retry`: client errors (404, 403, 401) will not change on a retry; server and network errors get one more try. */
export function retryServerErrors(failures: number, error: Error): boolean {
  return !(error instanceof ApiRequestError && error.status < 500) && failures < 1;
}
