import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DuplicateChecks } from './duplicate-checks';
import { PORTFOLIO_QUEUE, WEBHOOKS_QUEUE } from './portfolio-job-types';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';

/** Portfolio's queues: background duplicate checks, webhook deliveries, and the sweep of lost duplicate checks. */
@Injectable()
export class PortfolioJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly duplicateChecks: DuplicateChecks,
    private readonly webhooks: WebhookDeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // Concurrency 1: at a million initiatives one check is seconds of database CPU, and new initiatives arrive a few
    // a day, not a few a second.
    this.jobs.register({
      queue: PORTFOLIO_QUEUE,
      concurrency: 1,
      handlers: { 'check-duplicates': ({ initiativeId }) => this.duplicateChecks.runInBackground(initiativeId) },
    });
    // A failed attempt throws, so BullMQ retries it with the backoff the job was queued with; when BullMQ gives up
    // the delivery row is marked failed. Concurrency 8: waiting on other servers' answers, not on our CPU or database.
    this.jobs.register({
      queue: WEBHOOKS_QUEUE,
      concurrency: 8,
      handlers: { 'deliver-webhook': ({ deliveryId }) => this.webhooks.deliver(deliveryId) },
      onGiveUp: { 'deliver-webhook': ({ deliveryId }, error) => this.webhooks.markFailed(deliveryId, error.message) },
    });
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: { 'sweep-duplicates': () => this.duplicateChecks.sweep() },
      schedules: {
        every,
        jobs: [{ id: 'sweep-duplicates', job: 'sweep-duplicates', repeat: { every }, opts: SCHEDULED_JOB_OPTIONS }],
      },
    });
  }
}
