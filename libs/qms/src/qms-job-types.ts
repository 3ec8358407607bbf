/**
 * Revisions that become effective on a set date run on the handover queue, which handover owns (it sets the
 * concurrency); the queue's name is persisted in Redis, so it stays.
 */
export const EFFECTIVITY_QUEUE = 'handover';

declare module '@ambidex/platform' {
  interface JobTypes {
    'make-effective': { queue: 'handover'; data: { revisionId: string } };
    'sweep-document-reviews': { queue: 'maintenance'; data: Record<string, never> };
  }
}
