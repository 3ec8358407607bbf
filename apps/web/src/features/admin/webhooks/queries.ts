import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';

export type Webhook = components['schemas']['WebhookSubscriptionDto'];
export type Delivery = components['schemas']['WebhookDeliveryDto'];

export const webhooksKey = (portfolioId: string) => ['webhooks', portfolioId] as const;

export function useWebhooks(portfolioId: string) {
  return useQuery({
    queryKey: webhooksKey(portfolioId),
    queryFn: () => unwrap(api.GET('/api/portfolios/{portfolioId}/webhooks', { params: { path: { portfolioId } } })),
  });
}

/** The delivery log, watched while it is open: deliveries and retries happen in a background job. */
export function useDeliveries(portfolioId: string, id: string) {
  return useQuery({
    queryKey: [...webhooksKey(portfolioId), id, 'deliveries'],
    queryFn: () =>
      unwrap(
        api.GET('/api/portfolios/{portfolioId}/webhooks/{id}/deliveries', { params: { path: { portfolioId, id } } }),
      ),
    refetchInterval: 3000,
  });
}

export const DELIVERY_STATUS_LABELS: Record<Delivery['status'], string> = {
  pending: 'Pending (will retry)',
  delivered: 'Delivered',
  failed: 'Failed (gave up)',
};
