import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue, RetryOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DEFAULT_JOB_OPTIONS, JobContract } from './job-contracts';
import { JobHandlers } from './job-handlers';
import { QueueName } from './queue-names';

export const PRODUCER_REDIS = Symbol('PRODUCER_REDIS');

/** The one way to put work on a queue; typed by the job contracts. */
@Injectable()
export class QueueProducer implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @Inject(PRODUCER_REDIS) private readonly connection: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobHandlers,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (queue === undefined) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.config.queues.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Every queue a context registered (JobHandlers), for the dashboard and the metrics. */
  allQueues(): Queue[] {
    return this.jobs.queueNames().map((name) => this.queue(name));
  }

  async add<J extends JobContract>(job: J, options: JobsOptions & { jobId?: string } = {}): Promise<void> {
    await this.queue(job.queue).add(job.name, job.data, options);
  }

  /**
   * Makes sure the job with this id will run: added when Redis does not know it (lost, or never queued), retried when
   * it failed for good (its id stays taken, so adding alone would do nothing), left alone otherwise. `retry` can reset
   * the attempts a failed job already made (an admin's retry gives it a full round).
   */
  async ensure<J extends JobContract>(
    job: J,
    jobId: string,
    options: JobsOptions = {},
    retry: RetryOptions = {},
  ): Promise<'added' | 'retried' | 'known'> {
    const existing = await this.queue(job.queue).getJob(jobId);
    if (existing === undefined || existing === null) {
      await this.add(job, { ...options, jobId });
      return 'added';
    }
    if (await existing.isFailed()) {
      await existing.retry('failed', retry);
      return 'retried';
    }
    return 'known';
  }

  async addBulk<J extends JobContract>(jobs: { job: J; options?: JobsOptions }[]): Promise<void> {
    const byQueue = new Map<QueueName, { name: string; data: unknown; opts?: JobsOptions }[]>();
    for (const { job, options } of jobs) {
      const list = byQueue.get(job.queue) ?? [];
      list.push({ name: job.name, data: job.data, opts: options });
      byQueue.set(job.queue, list);
    }
    for (const [queue, list] of byQueue) await this.queue(queue).addBulk(list);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    await this.connection.quit().catch(() => undefined);
  }
}
