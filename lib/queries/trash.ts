/** The trash page's data: the list, and restore / delete forever / empty trash, each refreshing the gallery. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TrashItem } from '@/lib/schemas/trash';
import { apiFetch, imageKeys } from './images';

export const trashKey = ['trash'] as const;

export function trashQueryOptions() {
  return queryOptions({
    queryKey: trashKey,
    queryFn: async () => (await apiFetch<{ items: TrashItem[] }>('/api/trash')).items,
  });
}

/** One of the trash's actions; on success the trash and the gallery are read again. */
export function useTrashAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: 'restore' | 'purge'; id: string } | { kind: 'empty' }) => {
      if (action.kind === 'empty') return apiFetch<unknown>('/api/admin/trash/empty', { method: 'POST' });
      const url = `/api/trash/${encodeURIComponent(action.id)}`;
      return apiFetch<unknown>(action.kind === 'restore' ? `${url}/restore` : url, {
        method: action.kind === 'restore' ? 'POST' : 'DELETE',
      });
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trashKey }),
        queryClient.invalidateQueries({ queryKey: imageKeys.all }),
      ]),
  });
}
