import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type ManagementReview = components['schemas']['ManagementReviewDto'];
export type PackSection = components['schemas']['PackSectionDto'];

export const reviewKey = (id: string) => ['management-review', id] as const;

export function useReviews() {
  return useQuery({
    queryKey: ['management-reviews'],
    queryFn: () => unwrap(api.GET('/api/management-reviews')),
  });
}

/** A review; polled while its pack is being assembled, so the page fills in when the job is done. */
export function useReview(id: string) {
  return useQuery({
    queryKey: reviewKey(id),
    queryFn: () => unwrap(api.GET('/api/management-reviews/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data?.packReady === false ? 2000 : false),
  });
}

export function useMyReviewActions() {
  return useQuery({
    queryKey: ['management-review-actions', 'mine'],
    queryFn: () => unwrap(api.GET('/api/management-review-actions/mine')),
  });
}

/** A write on a review: refreshes the review and the list when it succeeds. */
export function useReviewMutation<V>(id: string, write: (variables: V) => Promise<unknown>, onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      onDone?.();
      await client.invalidateQueries({ queryKey: reviewKey(id) });
      await client.invalidateQueries({ queryKey: ['management-reviews'] });
    },
  });
}
