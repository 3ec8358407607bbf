import { INGEST_QUEUE } from '@ambidex/experiments';
import {
  DeadLetters,
  JobIntent,
  JobOf,
  Outbox,
  OutboxEventEntity,
  OutboxRelay,
  QueueName,
  QueueProducer,
  SYSTEM_ACTOR,
} from '@ambidex/platform';
import { obliterateQueues, testConfig } from '@ambidex/testing';
import { randomUUID } from 'node:crypto';
import { TestApp } from '../support/test-app';

const MAX_ATTEMPTS = 2;

/**
 * Job intents: a job recorded with its event, which the relay adds straight to its queue (one hop), under its job id,
 * after the commit; a crash before the add is caught up by the sweep, a second add is the same job.
 */
describe('outbox job intents (real PostgreSQL and Redis)', () => {
  // No worker, and a database of its own: the jobs stay in Redis for the test to look at.
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.startIsolated({ config: testConfig({ outboxMaxAttempts: MAX_ATTEMPTS }) });
  });
  afterAll(async () => {
    await obliterateQueues(api.config);
    await api.close();
  });

  const ingestIntent = (batchId = randomUUID()): JobIntent<JobOf<'ingest-batch'>> => ({
    queue: INGEST_QUEUE,
    name: 'ingest-batch',
    data: { batchId },
    jobId: `ingest-${batchId}`,
    options: { delay: 60_000 },
  });
  const record = (intent: JobIntent, toHandlers?: boolean): Promise<string> =>
    api.dataSource.transaction((em) =>
      api.app
        .get(Outbox)
        .record(
          em,
          { type: 'test.with-job', aggregateType: 'test', aggregateId: intent.jobId },
          { job: intent, toHandlers },
        ),
    );
  const row = (id: string): Promise<OutboxEventEntity> =>
    api.dataSource.getRepository(OutboxEventEntity).findOneByOrFail({ id });
  const queue = (name: QueueName) => api.app.get(QueueProducer).queue(name);
  const copiesOf = async (name: QueueName, jobId: string): Promise<number> =>
    (await queue(name).getJobs(['delayed', 'waiting', 'active', 'completed', 'failed'])).filter((j) => j.id === jobId)
      .length;

  it('the relay adds the job straight to its queue, with its id, data and options; the event is then done', async () => {
    const intent = ingestIntent();
    const eventId = await record(intent);
    await expect(queue(INGEST_QUEUE).getJob(intent.jobId)).resolves.toBeUndefined();

    await api.app.get(OutboxRelay).publishPending();
    const job = await queue(INGEST_QUEUE).getJob(intent.jobId);
    expect(job).toMatchObject({ name: 'ingest-batch', data: intent.data, delay: 60_000 });
    await expect(job?.getState()).resolves.toBe('delayed');
    // No domain-events job: no handler stands between the event and its job.
    await expect(queue(QueueName.DomainEvents).getJob(eventId)).resolves.toBeUndefined();
    const done = await row(eventId);
    expect(done.publishedAt).toBeInstanceOf(Date);
    expect(done.processedAt).toBeInstanceOf(Date);
  });

  it('an event with a job that handlers also take goes to both queues, and waits for its handlers', async () => {
    const intent = ingestIntent();
    const eventId = await record(intent, true);
    await api.app.get(OutboxRelay).publishPending();
    await expect(queue(INGEST_QUEUE).getJob(intent.jobId)).resolves.toBeDefined();
    await expect(queue(QueueName.DomainEvents).getJob(eventId)).resolves.toMatchObject({ data: { eventId } });
    expect((await row(eventId)).processedAt).toBeNull();
  });

  it('a crash between the commit and the add loses nothing: the sweep adds the job', async () => {
    const intent = ingestIntent();
    const eventId = await record(intent);
    // The relay never ran (the worker died right after the commit): only the row knows of the job.
    await expect(queue(INGEST_QUEUE).getJob(intent.jobId)).resolves.toBeUndefined();
    await expect(api.app.get(OutboxRelay).sweep(60_000)).resolves.toBeGreaterThanOrEqual(1);
    await expect(queue(INGEST_QUEUE).getJob(intent.jobId)).resolves.toBeDefined();
    expect((await row(eventId)).processedAt).toBeInstanceOf(Date);
  });

  it('relayed twice (a crash before the relay committed): still one job, under the same id', async () => {
    const intent = ingestIntent();
    const eventId = await record(intent);
    await api.app.get(OutboxRelay).publishPending();
    await api.dataSource.query(`UPDATE outbox_events SET published_at = NULL WHERE id = $1`, [eventId]);
    await api.app.get(OutboxRelay).publishPending();
    expect(await copiesOf(INGEST_QUEUE, intent.jobId)).toBe(1);
    expect((await row(eventId)).publishCount).toBe(2);
  });

  it('refuses at record time a job id BullMQ would refuse', async () => {
    await expect(record({ ...ingestIntent(), jobId: 'ingest:1' })).rejects.toThrow(/not a valid BullMQ custom id/);
    await expect(record({ ...ingestIntent(), jobId: '42' })).rejects.toThrow(/not a valid BullMQ custom id/);
  });

  it('a job Redis refuses does not hold back the others: it is counted, dead at the cap, and an admin retry relays it again', async () => {
    const bad = ingestIntent();
    const badId = await record(bad);
    // A row written around Outbox.record's check, with an id BullMQ refuses.
    await api.dataSource.query(`UPDATE outbox_events SET job = jsonb_set(job, '{jobId}', '"bad:id"') WHERE id = $1`, [
      badId,
    ]);
    for (let pass = 1; pass <= MAX_ATTEMPTS; pass += 1) {
      const good = ingestIntent();
      await record(good);
      await api.app.get(OutboxRelay).publishPending();
      await expect(queue(INGEST_QUEUE).getJob(good.jobId)).resolves.toBeDefined();
      expect(await row(badId)).toMatchObject({ failedAttempts: pass, publishedAt: null });
    }
    const dead = await row(badId);
    expect(dead.deadAt).toBeInstanceOf(Date);
    expect(dead.lastError).toContain('Custom Id cannot contain :');
    await expect(api.app.get(DeadLetters).list()).resolves.toEqual([
      expect.objectContaining({ id: badId, eventType: 'test.with-job', failedAttempts: MAX_ATTEMPTS }),
    ]);
    // The relay leaves a dead row alone.
    await api.app.get(OutboxRelay).publishPending();
    expect((await row(badId)).failedAttempts).toBe(MAX_ATTEMPTS);

    // Its cause fixed, the admin's retry hands it back to the relay, which queues it once.
    await api.dataSource.query(`UPDATE outbox_events SET job = jsonb_set(job, '{jobId}', $2::jsonb) WHERE id = $1`, [
      badId,
      JSON.stringify(bad.jobId),
    ]);
    await expect(api.app.get(DeadLetters).retry(SYSTEM_ACTOR, badId)).resolves.toEqual({
      id: badId,
      state: 'pending',
      requeued: true,
    });
    await api.app.get(OutboxRelay).publishPending();
    expect(await copiesOf(INGEST_QUEUE, bad.jobId)).toBe(1);
    expect(await row(badId)).toMatchObject({ failedAttempts: 0, deadAt: null });
    expect((await row(badId)).processedAt).toBeInstanceOf(Date);
  });

  it('a refused job whose handlers already ran (so the row is processed but unpublished) still reaches the cap', async () => {
    const bad = ingestIntent();
    const badId = await record(bad, true);
    await api.dataSource.query(
      `UPDATE outbox_events SET job = jsonb_set(job, '{jobId}', '"bad:id"'), processed_at = now() WHERE id = $1`,
      [badId],
    );
    for (let pass = 1; pass <= MAX_ATTEMPTS; pass += 1) {
      await record(ingestIntent());
      await api.app.get(OutboxRelay).publishPending();
      expect(await row(badId)).toMatchObject({ failedAttempts: pass, publishedAt: null });
    }
    expect((await row(badId)).deadAt).toBeInstanceOf(Date);
  });
});
