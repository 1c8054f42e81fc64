/** Mutations on one image (title, visibility, delete), keeping the detail and gallery caches honest. */
import { type InfiniteData, type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { GalleryPage, ImageDetail } from '@/lib/schemas/api';
import { apiFetch, imageKeys } from './images';

/** What PATCH /api/images/{id} takes (validated again on the server). */
export interface ImageUpdateInput {
  title?: string;
  private?: boolean;
  caption?: string;
  tags?: string[];
}

const imageUrl = (id: string) => `/api/images/${encodeURIComponent(id)}`;

export function useUpdateImage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ImageUpdateInput) =>
      apiFetch<ImageDetail>(imageUrl(id), { method: 'PATCH', body: JSON.stringify(changes) }),
    onSuccess: (detail) => {
      queryClient.setQueryData(imageKeys.detail(id), detail);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: imageKeys.lists() }),
  });
}

export function useDeleteImage(id: string) {
  return useMutation({ mutationFn: () => apiFetch<void>(imageUrl(id), { method: 'DELETE' }) });
}

/**
 * Cache work after a delete. The caller must first stop observing the detail query (disable it),
 * or the invalidation below would refetch it and show a 404 before the navigation away.
 */
export function forgetDeletedImage(queryClient: QueryClient, id: string): Promise<void> {
  // Drop the tile from every cached gallery now, so going back never shows it for a moment.
  queryClient.setQueriesData<InfiniteData<GalleryPage, string>>({ queryKey: imageKeys.lists() }, (data) =>
    data
      ? { ...data, pages: data.pages.map((p) => ({ ...p, images: p.images.filter((img) => img.id !== id) })) }
      : data,
  );
  queryClient.removeQueries({ queryKey: imageKeys.detail(id) });
  return queryClient.invalidateQueries({ queryKey: imageKeys.all });
}
