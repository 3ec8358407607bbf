import { AppConfig, JobIntent, JobOf, QueueProducer } from '@ambidex/platform';
import { JobsOptions } from 'bullmq';
import { MAIL_QUEUE } from './mail-job-types';

/** A send job: keyed by its delivery (one job per mail while it is in Redis), retried with the configured backoff. */
export function sendMailIntent(config: AppConfig, deliveryId: string): JobIntent<JobOf<'send-mail'>> {
  return {
    queue: MAIL_QUEUE,
    name: 'send-mail',
    data: { deliveryId },
    jobId: deliveryId,
    options: { attempts: config.mail.attempts, backoff: { type: 'exponential', delay: config.mail.retryDelayMs } },
  };
}

export function sendMailJob(config: AppConfig, deliveryId: string): { job: JobOf<'send-mail'>; options: JobsOptions } {
  const { queue, name, data, jobId, options } = sendMailIntent(config, deliveryId);
  return { job: { queue, name, data }, options: { ...options, jobId } };
}

export async function queueSendMail(producer: QueueProducer, config: AppConfig, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length > 0) await producer.addBulk(deliveryIds.map((id) => sendMailJob(config, id)));
}
