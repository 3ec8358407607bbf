import { JobsOptions } from 'bullmq';
import { JobContract } from '../queues/job-contracts';

/**
 * A job an event causes, recorded with the event in the use case's transaction and added by the relay straight to its
 * queue: one hop instead of event → domain-events job → handler → job. The job id keeps a row relayed twice (a crash
 * between Redis and the relay's commit) one job while it is in Redis; the job itself checks the state it acts on.
 */
export type JobIntent<J extends JobContract = JobContract> = J & {
  jobId: string;
  options?: Omit<JobsOptions, 'jobId'>;
};

/** How a job intent is stored on its outbox row (`outbox_events.job`). */
export interface StoredJobIntent {
  queue: JobContract['queue'];
  name: JobContract['name'];
  data: JobContract['data'];
  jobId: string;
  options: Omit<JobsOptions, 'jobId'>;
}

export function storedIntent({ queue, name, data, jobId, options }: JobIntent): StoredJobIntent {
  // BullMQ refuses such ids at add time; refusing them here keeps a bad intent from ever reaching the relay.
  if (jobId.includes(':') || String(parseInt(jobId, 10)) === jobId)
    throw new Error(`Job id "${jobId}" is not a valid BullMQ custom id`);
  return { queue, name, data, jobId, options: options ?? {} };
}

export function jobOfIntent(intent: StoredJobIntent): { job: JobContract; options: JobsOptions } {
  return {
    job: { queue: intent.queue, name: intent.name, data: intent.data } as JobContract,
    options: { ...intent.options, jobId: intent.jobId },
  };
}
