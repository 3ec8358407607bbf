import {
  APP_CONFIG,
  AppConfig,
  JobHandlers,
  JobName,
  JobSchedule,
  Metrics,
  QueueName,
  QueueProducer,
  REDIS_URL,
} from '@ambidex/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/**
 * Runs every queue the contexts registered in JobHandlers: its repeatable jobs upserted, then one BullMQ worker per
 * queue. Only the worker process (and `npm start`) has this host; the API registers the same handlers but runs none.
 */
@Injectable()
export class QueueWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueWorkerHost.name);
  private readonly workers: RunningWorker[] = [];
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly jobs: JobHandlers,
    private readonly producer: QueueProducer,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queues = this.jobs.queues().filter((queue) => queue.enabled);
    for (const queue of queues) {
      for (const group of queue.schedules) {
        await this.ensureSchedules(queue.name, group.jobs);
        // A Redis that restarts empty forgets schedules; upserting them again (idempotent) brings them back.
        const timer = setInterval(
          () =>
            void this.ensureSchedules(queue.name, group.jobs).catch((e: unknown) =>
              this.logger.warn(`schedules of ${queue.name}: ${(e as Error).message}`),
            ),
          group.every,
        );
        timer.unref();
        this.timers.push(timer);
      }
    }
    for (const queue of queues) {
      this.workers.push(
        startQueueWorker({ queue, redisUrl: this.redisUrl, config: this.config, metrics: this.metrics }),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.workers.map((worker) => stopQueueWorker(worker)));
  }

  /** Scheduler ids, not job ids: any number of workers upsert the same schedules. */
  private async ensureSchedules(queue: QueueName, schedules: readonly JobSchedule<JobName>[]): Promise<void> {
    for (const schedule of schedules) {
      await this.producer
        .queue(queue)
        .upsertJobScheduler(schedule.id, schedule.repeat, { name: schedule.job, data: {}, opts: schedule.opts });
    }
  }
}
