/** React Query keys, options and mutations for albums. Album responses hold signed URLs: refetched like the gallery's. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { AlbumDetailView, AlbumSummaryView } from '@/lib/schemas/albums';
import { apiFetch, IMAGE_STALE_MS } from './images';

export const albumKeys = {
  all: ['albums'] as const,
  list: (imageId?: string) => [...albumKeys.all, 'list', imageId ?? null] as const,
  detail: (id: string) => [...albumKeys.all, 'detail', id] as const,
};

const albumUrl = (id: string) => `/api/albums/${encodeURIComponent(id)}`;

/** Every album; with `imageId`, each says whether it holds that image. */
export const albumsQueryOptions = (imageId?: string) =>
  queryOptions({
    queryKey: albumKeys.list(imageId),
    queryFn: () =>
      apiFetch<AlbumSummaryView[]>(imageId ? `/api/albums?imageId=${encodeURIComponent(imageId)}` : '/api/albums'),
    staleTime: IMAGE_STALE_MS,
  });

export const albumQueryOptions = (id: string) =>
  queryOptions({
    queryKey: albumKeys.detail(id),
    queryFn: () => apiFetch<AlbumDetailView>(albumUrl(id)),
    staleTime: IMAGE_STALE_MS,
  });

/** Every album mutation refreshes the album caches when it settles (counts and covers change together). */
function useAlbumMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: albumKeys.all }),
  });
}

export const useCreateAlbum = () =>
  useAlbumMutation((title: string) =>
    apiFetch<{ id: string; title: string }>('/api/albums', { method: 'POST', body: JSON.stringify({ title }) }),
  );

export const useUpdateAlbum = (id: string) =>
  useAlbumMutation((changes: { title?: string; coverImageId?: string | null }) =>
    apiFetch<AlbumDetailView>(albumUrl(id), { method: 'PATCH', body: JSON.stringify(changes) }),
  );

export const useDeleteAlbum = (id: string) =>
  useAlbumMutation(() => apiFetch<void>(albumUrl(id), { method: 'DELETE' }));

export const useAlbumImages = () =>
  useAlbumMutation(({ albumId, imageIds, remove }: { albumId: string; imageIds: string[]; remove?: boolean }) =>
    apiFetch<{ added?: number; removed?: number }>(`${albumUrl(albumId)}/images`, {
      method: remove ? 'DELETE' : 'POST',
      body: JSON.stringify({ imageIds }),
    }),
  );
