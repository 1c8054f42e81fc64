/** React Query keys, options and mutations for share links. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedShareLink, ShareCreateRequest, SharedContent, ShareLinkView } from '@/lib/schemas/shares';
import { apiFetch, msUntilUrlRefresh, retryServerErrors } from './images';

export interface ShareFilter {
  imageId?: string;
  albumId?: string;
}

export const shareKeys = {
  all: ['shares'] as const,
  list: (filter: ShareFilter) => [...shareKeys.all, 'list', filter] as const,
};

const refreshIn = (content: SharedContent | undefined) => msUntilUrlRefresh(content ? [content] : undefined);

/**
 * What an open share page shows, starting from what the server rendered: its image URLs live ~10
 * minutes, so they are fetched afresh (not counted as a view) five minutes before they expire, and at
 * once when the page comes back into view after that. A refusal (revoked, expired) stops the refresh.
 */
export const sharedContentQueryOptions = (token: string, initial: SharedContent) =>
  queryOptions({
    queryKey: [...shareKeys.all, 'content', token],
    queryFn: () => apiFetch<SharedContent>(`/s/${encodeURIComponent(token)}/content`),
    initialData: initial,
    staleTime: (query) => refreshIn(query.state.data) || Infinity,
    refetchInterval: (query) => (query.state.status === 'error' ? false : refreshIn(query.state.data)),
    retry: retryServerErrors,
  });

export const sharesQueryOptions = (filter: ShareFilter) =>
  queryOptions({
    queryKey: shareKeys.list(filter),
    queryFn: () => {
      const params = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
      return apiFetch<ShareLinkView[]>(`/api/shares?${params}`);
    },
    // View counts change while the page is open; a refetch on focus keeps them honest.
    staleTime: 30_000,
  });

export function useCreateShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (req: ShareCreateRequest) =>
      apiFetch<CreatedShareLink>('/api/shares', { method: 'POST', body: JSON.stringify(req) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: shareKeys.all }),
  });
}

export function useRevokeShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/shares/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: shareKeys.all }),
  });
}
