import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditCheckpointer } from '../audit/audit-checkpointer';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainEventDelivery } from '../outbox/domain-event-delivery';
import { OutboxRelay } from '../outbox/outbox-relay';
import { JobHandlers, SCHEDULED_JOB_OPTIONS } from './job-handlers';
import { QueueName } from './queue-names';

/**
 * The platform's queues: relayed outbox events, delivered to the handlers contexts registered; and the maintenance
 * queue, where the outbox sweeper (republishes what was never published or delivered) and the signed audit checkpoint
 * run, beside the sweeps other contexts add.
 */
@Injectable()
export class PlatformJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly delivery: DomainEventDelivery,
    private readonly relay: OutboxRelay,
    private readonly checkpointer: AuditCheckpointer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.DomainEvents,
      concurrency: 4,
      handlers: { 'deliver-event': ({ eventId }) => this.delivery.deliver(eventId) },
    });
    this.jobs.register({
      queue: QueueName.Maintenance,
      concurrency: 1,
      handlers: {
        'sweep-outbox': async () => ({ requeued: await this.relay.sweep(Math.max(every, 60_000)) }),
        'checkpoint-audit': () => this.checkpointer.checkpoint(),
      },
      schedules: {
        every,
        jobs: [
          { id: 'sweep-outbox', job: 'sweep-outbox', repeat: { every }, opts: SCHEDULED_JOB_OPTIONS },
          {
            id: 'checkpoint-audit',
            job: 'checkpoint-audit',
            repeat: { every: this.config.audit.checkpointEveryMs },
            opts: SCHEDULED_JOB_OPTIONS,
          },
        ],
      },
    });
  }
}
