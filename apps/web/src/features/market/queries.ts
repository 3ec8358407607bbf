import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type ProductMarket = components['schemas']['ProductMarketDto'];
export type MarketSummary = components['schemas']['MarketSummaryDto'];
export type Feedback = components['schemas']['FeedbackViewDto'];
export type FeedbackDetail = components['schemas']['FeedbackDetailDto'];
export type MonthValue = components['schemas']['MonthValueDto'];

export const productMarketKey = (initiativeId: string) => ['market', 'product', initiativeId] as const;

export function useProductMarket(initiativeId: string, enabled = true) {
  return useQuery({
    queryKey: productMarketKey(initiativeId),
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/market', { params: { path: { id: initiativeId } } })),
    enabled,
  });
}

export function useMarketSummary(query: { from: string; to: string; portfolioId: string }, enabled: boolean) {
  return useQuery({
    queryKey: ['market', 'summary', query],
    queryFn: () => unwrap(api.GET('/api/market/summary', { params: { query } })),
    enabled,
  });
}

export function useFeedback(id: string) {
  return useQuery({
    queryKey: ['market', 'feedback', id],
    queryFn: () => unwrap(api.GET('/api/market/feedback/{id}', { params: { path: { id } } })),
  });
}

/** The feedback that raised a nonconformity, for the NC page's side of the link. */
export function useFeedbackOfNonconformity(nonconformityId: string) {
  return useQuery({
    queryKey: ['market', 'feedback-of-nc', nonconformityId],
    queryFn: () => unwrap(api.GET('/api/market/feedback', { params: { query: { nonconformityId } } })),
  });
}

/** A write on a product's market: refreshes its page (and any summary) when it succeeds. */
export function useMarketMutation<V>(
  initiativeId: string,
  write: (variables: V) => Promise<unknown>,
  onDone?: () => void,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      onDone?.();
      await client.invalidateQueries({ queryKey: ['market'] });
      await client.invalidateQueries({ queryKey: productMarketKey(initiativeId) });
    },
  });
}
