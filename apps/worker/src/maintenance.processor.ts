import { GatesSweeper } from '@ambidex/gates';
import { HandoverSweeper } from '@ambidex/handover';
import {
  APP_CONFIG,
  AppConfig,
  AuditCheckpointer,
  Metrics,
  OutboxRelay,
  QueueName,
  QueueProducer,
  REDIS_URL,
} from '@ambidex/platform';
import { DuplicateChecks } from '@ambidex/portfolio';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/**
 * Repeatable housekeeping: the outbox sweeper (republishes what was never published or delivered), and the sweepers
 * that redo the gates', handover's and duplicate checks' work whose job was lost; and the signed audit checkpoint.
 */
@Injectable()
export class MaintenanceProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: RunningWorker | undefined;
  private scheduleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly gates: GatesSweeper,
    private readonly handover: HandoverSweeper,
    private readonly duplicateChecks: DuplicateChecks,
    private readonly auditCheckpointer: AuditCheckpointer,
    private readonly producer: QueueProducer,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.queues.sweepIntervalMs;
    await this.ensureSchedule();
    // A Redis that restarts empty forgets schedules; re-asserting it (idempotent) brings the sweeper back.
    this.scheduleTimer = setInterval(() => void this.ensureSchedule().catch(() => undefined), every);
    this.scheduleTimer.unref();
    this.worker = startQueueWorker({
      queue: QueueName.Maintenance,
      redisUrl: this.redisUrl,
      config: this.config,
      metrics: this.metrics,
      concurrency: 1,
      handle: async (job) => {
        switch (job.name) {
          case 'sweep-outbox':
            return { requeued: await this.relay.sweep(Math.max(every, 60_000)) };
          case 'sweep-gates':
            return this.gates.sweep();
          case 'sweep-handover':
            return this.handover.sweep();
          case 'sweep-duplicates':
            return this.duplicateChecks.sweep();
          case 'checkpoint-audit':
            return this.auditCheckpointer.checkpoint();
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    if (this.worker !== undefined) await stopQueueWorker(this.worker);
  }

  /** Scheduler ids, not job ids: any number of workers upsert the same schedules. */
  private async ensureSchedule(): Promise<void> {
    const queue = this.producer.queue(QueueName.Maintenance);
    const every = this.config.queues.sweepIntervalMs;
    for (const name of ['sweep-outbox', 'sweep-gates', 'sweep-handover', 'sweep-duplicates'] as const) {
      await queue.upsertJobScheduler(name, { every }, { name, data: {}, opts: { removeOnFail: 100 } });
    }
    const checkpointEvery = this.config.audit.checkpointEveryMs;
    await queue.upsertJobScheduler(
      'checkpoint-audit',
      { every: checkpointEvery },
      { name: 'checkpoint-audit', data: {}, opts: { removeOnFail: 100 } },
    );
  }
}
