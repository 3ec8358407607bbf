import { eventually } from '@ambidex/testing';
import { BatchStatus, ExperimentLogFixture, uniqueWord } from './experiment-log-fixture';

/** Bulk ingest: what the database cannot store is reported per entry without sinking the batch; a batch sent twice at once stores once. */
describe('experiment log: ingest entries', () => {
  let log: ExperimentLogFixture;

  beforeAll(async () => {
    log = await ExperimentLogFixture.start();
  }, 120_000); // its own database and five users: slow on a busy machine
  afterAll(() => log?.close());

  describe('entries the database cannot store are reported per entry, never sink the batch', () => {
    async function runningExperiment(): Promise<string> {
      const created = await log.post(`/api/initiatives/${log.initiativeId}/experiments`, {
        assumptionIds: [log.assumptionId],
        hypothesis: 'h',
        method: 'm',
        metric: 'x',
        comparison: '>=',
        threshold: 1,
        minimumSample: 0,
      });
      const id = created.json<{ id: string }>().id;
      expect((await log.post(`/api/experiments/${id}/start`, {})).status).toBe(200);
      return id;
    }

    it.each([
      ['a cost beyond numeric(14,2)', { cost: 1e13 }, 'cost'],
      ['a sample size beyond a 32-bit integer', { sampleSize: 3_000_000_000 }, 'sampleSize'],
      ['a date JavaScript accepts and PostgreSQL does not', { observedAt: '2020-02-30' }, 'observedAt'],
    ])('%s', async (_, bad, field) => {
      const experiment = await runningExperiment();
      const tag = uniqueWord();
      const submitted = await log.post('/api/ingest/batches', [
        {
          type: 'learning',
          idempotencyKey: `${tag}-good`,
          initiativeId: log.initiativeId,
          observed: 'A good entry next to a bad one',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
        },
        { type: 'result', idempotencyKey: `${tag}-bad`, experimentId: experiment, value: 0.5, sampleSize: 10, ...bad },
      ]);
      expect(submitted.status).toBe(202);
      const batchId = submitted.json<{ id: string }>().id;
      const batch = await eventually(
        async () =>
          (
            await log.app.request({ url: `/api/ingest/batches/${batchId}`, token: log.owner.token })
          ).json<BatchStatus>(),
        (b) => b.status === 'completed',
        10_000,
      );
      expect(batch).toMatchObject({
        status: 'completed',
        stored: 1,
        failed: 1,
        problems: [expect.objectContaining({ index: 1, field })],
      });
      await expect(log.app.count(`learnings WHERE idempotency_key = '${tag}-good'`)).resolves.toBe(1);
    });

    it('a NUL character in one entry is not a 5xx for the whole upload', async () => {
      const before = await log.counts();
      const tag = uniqueWord();
      const response = await log.post('/api/ingest/batches', [
        {
          type: 'learning',
          idempotencyKey: `${tag}-1`,
          initiativeId: log.initiativeId,
          observed: 'fine',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
        },
        {
          type: 'learning',
          idempotencyKey: `${tag}-2`,
          initiativeId: log.initiativeId,
          observed: 'a\u0000b',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
        },
      ]);
      expect(response.status).toBeLessThan(500);
      if (response.status === 202) {
        const batch = await log.batchOf(response.json<{ id: string }>().id);
        expect(batch).toMatchObject({
          stored: 1,
          failed: 1,
          problems: [expect.objectContaining({ index: 1, field: 'observed' })],
        });
      } else {
        log.expectProblem(response, response.status, 'entries');
        await expect(log.counts()).resolves.toEqual(before);
      }
    });
  });

  it('a batch sent twice at once stores each learning exactly once', async () => {
    // 1,500 entries: two chunks per batch, and the two ingest jobs (worker concurrency 2) really overlap.
    const tag = uniqueWord();
    const entries = Array.from({ length: 1500 }, (_, i) => ({
      type: 'learning',
      idempotencyKey: `${tag}-${i}`,
      initiativeId: log.initiativeId,
      observed: `Concurrent resend ${tag} number ${i}`,
      belief: 'Stored once',
      decision: 'persevere',
      confidence: 'low',
    }));
    const body = entries.map((e) => JSON.stringify(e)).join('\n');
    const [first, second] = await Promise.all([log.submitNdjson(body), log.submitNdjson(body)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    const batches = await Promise.all([first, second].map((r) => log.batchOf(r.json<{ id: string }>().id)));

    // The invariant: one row per idempotency key, every key stored.
    const rows = (await log.app.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS keys FROM learnings WHERE idempotency_key LIKE $1`,
      [`${tag}-%`],
    )) as { n: number; keys: number }[];
    expect(rows[0]).toEqual({ n: entries.length, keys: entries.length });

    // And the batches account for it: each entry stored by one batch; in the other, a duplicate or 'stored concurrently'.
    expect(batches[0]!.stored + batches[1]!.stored).toBe(entries.length);
    for (const batch of batches) {
      expect(batch.stored + batch.duplicates + batch.failed).toBe(entries.length);
      for (const problem of batch.problems)
        expect(problem).toMatchObject({
          field: 'idempotencyKey',
          reason: expect.stringMatching(/stored concurrently/),
        });
    }
  });
});
