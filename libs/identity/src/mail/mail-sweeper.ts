import { APP_CONFIG, AppConfig, queryRows, QueueProducer } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sendMailJob } from './mail-jobs';

/**
 * PostgreSQL, not Redis, has the last word on what is still to send: a pending delivery whose job is gone (Redis
 * restarted empty, a crash between the insert and the enqueue) is queued again; one whose job failed for good before
 * the row could say so is retried. Returns how many it queued or retried.
 */
@Injectable()
export class MailSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(staleAfterMs: number): Promise<number> {
    const stale = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT id FROM mail_deliveries
        WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY created_at LIMIT 1000`,
      [staleAfterMs],
    );
    let requeued = 0;
    for (const { id } of stale) {
      const { job, options } = sendMailJob(this.config, id);
      if ((await this.producer.ensure(job, id, options)) !== 'known') requeued += 1;
    }
    return requeued;
  }
}
