import { AppConfig, JobOf, QueueProducer } from '@ambidex/platform';
import { JobsOptions } from 'bullmq';
import { MAIL_QUEUE } from './mail-job-types';

/** A send job: keyed by its delivery (one job per mail while it is in Redis), retried with the configured backoff. */
export function sendMailJob(config: AppConfig, deliveryId: string): { job: JobOf<'send-mail'>; options: JobsOptions } {
  return {
    job: { queue: MAIL_QUEUE, name: 'send-mail', data: { deliveryId } },
    options: {
      jobId: deliveryId,
      attempts: config.mail.attempts,
      backoff: { type: 'exponential', delay: config.mail.retryDelayMs },
    },
  };
}

export async function queueSendMail(producer: QueueProducer, config: AppConfig, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length > 0) await producer.addBulk(deliveryIds.map((id) => sendMailJob(config, id)));
}
