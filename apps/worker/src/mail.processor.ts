import { MailDigests, MailSender, MailSweeper } from '@ambidex/identity';
import { APP_CONFIG, AppConfig, Metrics, QueueName, QueueProducer, REDIS_URL } from '@ambidex/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/**
 * E-mail, only while SMTP_URL is set: the send jobs (retried with backoff; when BullMQ gives up the delivery row is
 * marked failed), the hourly digest planner, and the sweep that requeues deliveries whose job was lost. With mail off
 * it starts nothing, so jobs left from a time it was on wait in Redis instead of failing.
 */
@Injectable()
export class MailProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);
  private worker: RunningWorker | undefined;
  private scheduleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sender: MailSender,
    private readonly digests: MailDigests,
    private readonly sweeper: MailSweeper,
    private readonly producer: QueueProducer,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.mail.smtpUrl === undefined) return;
    await this.ensureSchedule();
    // A Redis that restarts empty forgets schedules; re-asserting them (idempotent) brings them back.
    this.scheduleTimer = setInterval(
      () => void this.ensureSchedule().catch(() => undefined),
      this.config.queues.sweepIntervalMs,
    );
    this.scheduleTimer.unref();
    this.worker = startQueueWorker({
      queue: QueueName.Mail,
      redisUrl: this.redisUrl,
      config: this.config,
      metrics: this.metrics,
      // Waiting on the SMTP server, not on our CPU or database.
      concurrency: 4,
      handle: async (job) => {
        switch (job.name) {
          case 'send-mail':
            return this.sender.send(job.data.deliveryId);
          case 'plan-digests':
            return this.digests.plan();
          case 'sweep-mail':
            return { requeued: await this.sweeper.sweep(Math.max(this.config.queues.sweepIntervalMs, 60_000)) };
        }
      },
    });
    this.worker.worker.on('failed', (job, error) => {
      if (job === undefined || job.name !== 'send-mail') return;
      const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
      if (!exhausted) return;
      const deliveryId = (job.data as { deliveryId: string }).deliveryId;
      this.sender
        .markFailed(deliveryId, error.message)
        .catch((e: unknown) => this.logger.warn(`could not mark mail ${deliveryId} failed: ${(e as Error).message}`));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    if (this.worker !== undefined) await stopQueueWorker(this.worker);
  }

  /** Scheduler ids, not job ids: any number of workers upsert the same schedules. */
  private async ensureSchedule(): Promise<void> {
    const queue = this.producer.queue(QueueName.Mail);
    await queue.upsertJobScheduler(
      'plan-digests',
      { pattern: '0 * * * *', tz: 'UTC' },
      { name: 'plan-digests', data: {}, opts: { removeOnFail: 100 } },
    );
    const every = this.config.queues.sweepIntervalMs;
    await queue.upsertJobScheduler(
      'sweep-mail',
      { every },
      { name: 'sweep-mail', data: {}, opts: { removeOnFail: 100 } },
    );
  }
}
