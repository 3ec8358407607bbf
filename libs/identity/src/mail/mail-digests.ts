import { APP_CONFIG, AppConfig, queryRows, QueueProducer } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queueSendMail } from './mail-jobs';

export type DigestPlan =
  { day: string; queued: number } | { day: string; queued: 0; waitingFor: 'digest-hour' | 'mail-on' };

/**
 * The daily digest of overdue inbox items: from MAIL_DIGEST_HOUR (UTC) on, one delivery per active user with open
 * items past their due date, keyed by user and UTC day, so running again the same day (the hourly job, another worker,
 * a retry) adds none. The job runs every hour, so a worker that was down at the digest hour catches up when it is back.
 */
@Injectable()
export class MailDigests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async plan(now = new Date()): Promise<DigestPlan> {
    const day = now.toISOString().slice(0, 10);
    if (this.config.mail.smtpUrl === undefined) return { day, queued: 0, waitingFor: 'mail-on' };
    if (now.getUTCHours() < this.config.mail.digestHourUtc) return { day, queued: 0, waitingFor: 'digest-hour' };
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `INSERT INTO mail_deliveries (kind, user_id, digest_date)
       SELECT DISTINCT 'digest', i.user_id, $1::date FROM inbox_items i JOIN users u ON u.id = i.user_id AND u.active
        WHERE i.done_at IS NULL AND i.due_at < $2
       ON CONFLICT (user_id, digest_date) DO NOTHING
       RETURNING id`,
      [day, now],
    );
    // A crash before this line leaves the rows pending: the mail sweep queues them.
    await queueSendMail(
      this.producer,
      this.config,
      rows.map((row) => row.id),
    );
    return { day, queued: rows.length };
  }
}
