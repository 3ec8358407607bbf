import { InboxService, MAIL_QUEUE, NewInboxItem } from '@ambidex/identity';
import { JobContract, QueueProducer, TransactionRunner } from '@ambidex/platform';
import { eventually } from '@ambidex/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { TestApp } from '../support/test-app';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const hex = (): string => randomBytes(4).toString('hex');

export interface DeliveryRow {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  user_id: string;
  inbox_item_id: string | null;
}

/** Adds an item through the inbox service, in a transaction, as every context does. */
export async function addInboxItem(app: TestApp, item: Partial<NewInboxItem> & { userId: string }): Promise<string> {
  const key = item.dedupeKey ?? `test:${randomUUID()}`;
  await app.app.get(TransactionRunner).run((em) =>
    app.app.get(InboxService).add(em, {
      kind: 'possible_duplicates',
      subjectType: 'initiative',
      subjectId: randomUUID(),
      title: `Check item ${hex()}`,
      ...item,
      dedupeKey: key,
    }),
  );
  const [row] = (await app.dataSource.query(`SELECT id FROM inbox_items WHERE dedupe_key = $1`, [key])) as {
    id: string;
  }[];
  return row?.id ?? '';
}

export async function deliveriesOf(app: TestApp, where: string, params: unknown[]): Promise<DeliveryRow[]> {
  return app.dataSource.query(
    `SELECT d.id, d.kind, d.status, d.attempts, d.last_error, d.user_id, d.inbox_item_id
       FROM mail_deliveries d LEFT JOIN inbox_items i ON i.id = d.inbox_item_id WHERE ${where} ORDER BY d.created_at`,
    params,
  );
}

/** Puts a job on the real mail queue under a fresh id and waits until the worker has finished it. */
export async function runMailJob(
  app: TestApp,
  job: Extract<JobContract, { queue: typeof MAIL_QUEUE }>,
): Promise<{ state: string; value: unknown }> {
  const producer = app.app.get(QueueProducer);
  const jobId = `test-${hex()}`;
  await producer.add(job, { jobId });
  return eventually(
    async () => {
      // The state first, then the job: BullMQ stores the return value with the move to completed, so a job read
      // after its state is completed carries it (read the other way round, a job read a moment before completing
      // pairs an old null value with the new state).
      const queue = producer.queue(MAIL_QUEUE);
      const state = await queue.getJobState(jobId);
      const found = await queue.getJob(jobId);
      return { state: found === undefined ? 'missing' : state, value: found?.returnvalue as unknown };
    },
    (s) => s.state === 'completed' || s.state === 'failed',
    15_000,
  );
}
