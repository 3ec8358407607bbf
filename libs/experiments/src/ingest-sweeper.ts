import { queryRows, QueueProducer } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ingestJob } from './experiment-job-types';

/** A batch older than this with no finished job is taken for lost (its job intent is relayed within a second). */
const SETTLED_SECONDS = 60;
const SWEEP_LIMIT = 200;

/**
 * The safety net for a batch whose ingest job never ran or failed for good (Redis lost it, or an event recorded by
 * an older API without its job): every batch that is not completed gets its job again. The job id is the batch's,
 * so a job still waiting or running is left alone; processing is idempotent per entry.
 */
@Injectable()
export class IngestSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
  ) {}

  async sweep(): Promise<{ requeued: number }> {
    const unfinished = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT id FROM ingest_batches
        WHERE status <> 'completed' AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [SETTLED_SECONDS, SWEEP_LIMIT],
    );
    let requeued = 0;
    for (const { id } of unfinished) {
      const { job, jobId } = ingestJob(id);
      if ((await this.producer.ensure(job, jobId)) !== 'known') requeued += 1;
    }
    return { requeued };
  }
}
