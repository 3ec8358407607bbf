import { Injectable } from '@nestjs/common';
import { JobsOptions, RepeatOptions } from 'bullmq';
import { JobName, JobTypes } from './job-contracts';
import { QueueName } from './queue-names';

/** The names of the jobs declared on queue Q. */
export type JobsOn<Q extends QueueName> = { [N in JobName]: JobTypes[N]['queue'] extends Q ? N : never }[JobName];

export type JobHandler<N extends JobName> = (data: JobTypes[N]['data']) => Promise<unknown>;

/** A repeatable job. The id is the scheduler's key in Redis: every worker upserts the same one. */
export interface JobSchedule<N extends JobName> {
  id: string;
  job: N;
  repeat: Omit<RepeatOptions, 'key'>;
  opts?: JobsOptions;
}

/** What a context registers for one queue. */
export interface QueueJobs<Q extends QueueName> {
  queue: Q;
  /** Set by the queue's owner; a context that only adds jobs to another's queue (a sweep) leaves it out. */
  concurrency?: number;
  /** False: no worker runs this queue, its jobs wait in Redis (e-mail while SMTP_URL is unset). */
  enabled?: boolean;
  handlers: { [N in JobsOn<Q>]?: JobHandler<N> };
  /** Called when BullMQ gives up on a job (attempts spent or unrecoverable), to record it where users look. */
  onGiveUp?: { [N in JobsOn<Q>]?: (data: JobTypes[N]['data'], error: Error) => Promise<void> };
  /** Repeatable jobs, upserted at start and again every `every` ms (a Redis that restarts empty forgets them). */
  schedules?: { every: number; jobs: JobSchedule<JobsOn<Q>>[] };
}

type UntypedHandler = (data: unknown) => Promise<unknown>;
type UntypedGiveUp = (data: unknown, error: Error) => Promise<void>;

/** One queue as the worker host runs it: the registrations of every context merged. */
export interface RegisteredQueue {
  name: QueueName;
  concurrency: number;
  enabled: boolean;
  handlers: ReadonlyMap<string, UntypedHandler>;
  onGiveUp: ReadonlyMap<string, UntypedGiveUp>;
  schedules: { every: number; jobs: JobSchedule<JobName>[] }[];
}

interface MutableQueue extends RegisteredQueue {
  handlers: Map<string, UntypedHandler>;
  onGiveUp: Map<string, UntypedGiveUp>;
  ownerConcurrency: number | undefined;
}

/**
 * Every context registers its queues and job handlers here at module init, in every process; only the worker's host
 * starts BullMQ workers for them (the API only produces, and lists the queues in its dashboard and metrics).
 */
@Injectable()
export class JobHandlers {
  private readonly byQueue = new Map<QueueName, MutableQueue>();

  register<Q extends QueueName>(jobs: QueueJobs<Q>): void {
    const queue = this.queueFor(jobs.queue);
    if (jobs.concurrency !== undefined) {
      if (queue.ownerConcurrency !== undefined) throw new Error(`Queue ${jobs.queue} has two owners`);
      queue.ownerConcurrency = jobs.concurrency;
      queue.concurrency = jobs.concurrency;
    }
    if (jobs.enabled === false) queue.enabled = false;
    for (const [name, handler] of Object.entries(jobs.handlers as Record<string, UntypedHandler | undefined>)) {
      if (handler === undefined) continue;
      if (queue.handlers.has(name)) throw new Error(`Job ${jobs.queue}/${name} has two handlers`);
      queue.handlers.set(name, handler);
    }
    for (const [name, giveUp] of Object.entries((jobs.onGiveUp ?? {}) as Record<string, UntypedGiveUp | undefined>)) {
      if (giveUp === undefined) continue;
      if (queue.onGiveUp.has(name)) throw new Error(`Job ${jobs.queue}/${name} has two give-up hooks`);
      queue.onGiveUp.set(name, giveUp);
    }
    if (jobs.schedules !== undefined) queue.schedules.push(jobs.schedules as RegisteredQueue['schedules'][number]);
  }

  queues(): RegisteredQueue[] {
    return [...this.byQueue.values()];
  }

  queueNames(): QueueName[] {
    return [...this.byQueue.keys()];
  }

  private queueFor(name: QueueName): MutableQueue {
    let queue = this.byQueue.get(name);
    if (queue === undefined) {
      queue = {
        name,
        concurrency: 1,
        ownerConcurrency: undefined,
        enabled: true,
        handlers: new Map(),
        onGiveUp: new Map(),
        schedules: [],
      };
      this.byQueue.set(name, queue);
    }
    return queue;
  }
}

/** A scheduled run keeps its last 100 failures in Redis for inspection. */
export const SCHEDULED_JOB_OPTIONS: JobsOptions = { removeOnFail: 100 };
