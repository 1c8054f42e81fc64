/** React Query keys, options and mutations for share links. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedShareLink, ShareCreateRequest, ShareLinkView } from '@/lib/schemas/shares';
import { apiFetch } from './images';

export interface ShareFilter {
  imageId?: string;
  albumId?: string;
}

export const shareKeys = {
  all: ['shares'] as const,
  list: (filter: ShareFilter) => [...shareKeys.all, 'list', filter] as const,
};

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
