import { ExperimentsModule, INGEST_QUEUE, IngestService, IngestSweeper } from '@ambidex/experiments';
import { QueueProducer } from '@ambidex/platform';
import { newInitiative, newPrincipal, obliterateQueues } from '@ambidex/testing';
import { ServiceContext } from '../../support/service-context';

/**
 * The ingest sweep is the safety net for a batch whose job never reached Redis (lost, or recorded by an older API
 * without its job): a batch that is not completed a minute after it was received gets its one job, under the batch's
 * job id, and a second sweep adds nothing. A database of its own and no relay: the batch's own job intent stays
 * unpublished, as if it were lost.
 */
describe('ingest sweep (service tier)', () => {
  let ctx: ServiceContext;

  beforeAll(async () => {
    ctx = await ServiceContext.startIsolated([ExperimentsModule]);
  }, 60_000);
  afterAll(async () => {
    if (ctx !== undefined) await obliterateQueues(ctx.config);
    await ctx?.close();
  });

  it('queues the job of a batch left unfinished, once, and leaves a fresh batch to its own job', async () => {
    const owner = await newPrincipal(ctx, ['innovation_lead'], 'owner');
    const initiativeId = await newInitiative(ctx.dataSource, { ownerId: owner.userId });
    const entry = { type: 'learning', initiativeId, observed: 'o', belief: 'b', decision: 'persevere' };
    const ingest = ctx.get(IngestService);
    const lost = await ingest.submit(owner, [{ ...entry, idempotencyKey: 'lost-1' }]);
    const fresh = await ingest.submit(owner, [{ ...entry, idempotencyKey: 'fresh-1' }]);
    await ctx.query(`UPDATE ingest_batches SET created_at = created_at - interval '2 minutes' WHERE id = $1`, [
      lost.id,
    ]);
    const queue = ctx.get(QueueProducer).queue(INGEST_QUEUE);

    await expect(ctx.get(IngestSweeper).sweep()).resolves.toEqual({ requeued: 1 });
    await expect(queue.getJob(`ingest-${lost.id}`)).resolves.toMatchObject({ data: { batchId: lost.id } });
    await expect(queue.getJob(`ingest-${fresh.id}`)).resolves.toBeUndefined();
    await expect(ctx.get(IngestSweeper).sweep()).resolves.toEqual({ requeued: 0 });
  });
});
