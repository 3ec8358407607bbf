/** Initiative upkeep that may take long: the background duplicate check after create (the name is in Redis). */
export const PORTFOLIO_QUEUE = 'portfolio';
/** Outgoing webhook deliveries, retried with backoff (the name is in Redis). */
export const WEBHOOKS_QUEUE = 'webhooks';

declare module '@ambidex/platform' {
  interface JobTypes {
    'check-duplicates': { queue: 'portfolio'; data: { initiativeId: string } };
    'deliver-webhook': { queue: 'webhooks'; data: { deliveryId: string } };
    'sweep-duplicates': { queue: 'maintenance'; data: Record<string, never> };
  }
}
