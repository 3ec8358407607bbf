import { APP_CONFIG, AppConfig, JobHandlers, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MailDigests } from './mail-digests';
import { MAIL_QUEUE } from './mail-job-types';
import { MailSender } from './mail-sender';
import { MailSweeper } from './mail-sweeper';

/**
 * E-mail, run only while SMTP_URL is set: the send jobs (retried with backoff; when BullMQ gives up the delivery row is
 * marked failed), the hourly digest planner, and the sweep that requeues deliveries whose job was lost. With mail off
 * no worker takes the queue, so jobs left from a time it was on wait in Redis instead of failing.
 */
@Injectable()
export class MailQueueJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly sender: MailSender,
    private readonly digests: MailDigests,
    private readonly sweeper: MailSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: MAIL_QUEUE,
      enabled: this.config.mail.smtpUrl !== undefined,
      // Waiting on the SMTP server, not on our CPU or database.
      concurrency: 4,
      handlers: {
        'send-mail': ({ deliveryId }) => this.sender.send(deliveryId),
        'plan-digests': () => this.digests.plan(),
        'sweep-mail': async () => ({ requeued: await this.sweeper.sweep(Math.max(every, 60_000)) }),
      },
      onGiveUp: { 'send-mail': ({ deliveryId }, error) => this.sender.markFailed(deliveryId, error.message) },
      schedules: {
        every,
        jobs: [
          {
            id: 'plan-digests',
            job: 'plan-digests',
            repeat: { pattern: '0 * * * *', tz: 'UTC' },
            opts: SCHEDULED_JOB_OPTIONS,
          },
          { id: 'sweep-mail', job: 'sweep-mail', repeat: { every }, opts: SCHEDULED_JOB_OPTIONS },
        ],
      },
    });
  }
}
