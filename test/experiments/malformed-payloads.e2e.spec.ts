import { ExperimentLogFixture, uniqueWord } from './experiment-log-fixture';
import { malformedPayloadCases } from './malformed-payload-cases';

/** Bad input on the experiment log: precise 4xx problems (problem+json naming the field) that write nothing. */
describe('experiment log: malformed payloads', () => {
  let log: ExperimentLogFixture;

  beforeAll(async () => {
    log = await ExperimentLogFixture.start();
  }, 120_000); // its own database and five users: slow on a busy machine
  afterAll(() => log?.close());

  describe('malformed payloads get a 4xx naming the field and write nothing', () => {
    const cases = malformedPayloadCases(() => log);

    it.each(cases)('%s', async (_, method, url, body, status, field) => {
      const before = await log.counts();
      const response = await log.app.request({
        method,
        url: url(),
        token: log.owner.token,
        body: typeof body === 'function' ? (body as () => unknown)() : body,
      });
      log.expectProblem(response, status, field);
      await expect(log.counts()).resolves.toEqual(before);
    });

    it.each([
      ['search: q missing', '/api/learnings/search', 'q'],
      ['search: q empty', '/api/learnings/search?q=', 'q'],
      ['search: limit over 100', '/api/learnings/search?q=pilot&limit=1000', 'limit'],
      ['search: unknown decision', '/api/learnings/search?q=pilot&decision=maybe', 'decision'],
      ['search: unknown risk kind', '/api/learnings/search?q=pilot&riskKind=scary', 'riskKind'],
      ['search: from not a date', '/api/learnings/search?q=pilot&from=yesterday', 'from'],
      [
        'learnings list: includeSuperseded not a boolean',
        () => `/api/initiatives/${log.initiativeId}/learnings?includeSuperseded=maybe`,
        'includeSuperseded',
      ],
      ['learning: path id not a UUID', '/api/learnings/abc', 'id'],
      ['experiment: path id not a UUID', '/api/experiments/abc', 'id'],
      ['batch status: path id not a UUID', '/api/ingest/batches/abc', 'id'],
    ] as [string, string | (() => string), string][])('%s', async (_, url, field) => {
      const response = await log.app.request({ url: typeof url === 'string' ? url : url(), token: log.owner.token });
      log.expectProblem(response, 422, field);
    });

    it('malformed JSON in a batch is a 400, and nothing is written', async () => {
      const before = await log.counts();
      const response = await log.app.request({
        method: 'POST',
        url: '/api/ingest/batches',
        token: log.owner.token,
        body: '[{"type": "learning",',
        headers: { 'content-type': 'application/json' },
      });
      log.expectProblem(response, 400);
      await expect(log.counts()).resolves.toEqual(before);
    });

    it('a batch body that is neither a JSON array nor NDJSON is a 422 naming the body', async () => {
      const before = await log.counts();
      for (const [body, contentType] of [
        ['"just a string"', 'application/json'],
        ['42', 'application/json'],
      ] as const) {
        const response = await log.app.request({
          method: 'POST',
          url: '/api/ingest/batches',
          token: log.owner.token,
          body,
          headers: { 'content-type': contentType },
        });
        log.expectProblem(response, 422, 'body');
      }
      // NDJSON sent as plain text is not read at all: the API takes JSON and NDJSON only.
      const plain = await log.app.request({
        method: 'POST',
        url: '/api/ingest/batches',
        token: log.owner.token,
        body: '{"type":"learning"}\n{"type":"learning"}',
        headers: { 'content-type': 'text/plain' },
      });
      expect(plain.status).toBe(415);
      await expect(log.counts()).resolves.toEqual(before);
    });

    it('an empty NDJSON batch (no body, or blank lines only) is a 422', async () => {
      const before = await log.counts();
      for (const body of ['', '\n\n  \n', '\r\n']) {
        expect(log.expectProblem(await log.submitNdjson(body), 422, 'entries').code).toBe('EXPERIMENTS.INVALID_BATCH');
      }
      await expect(log.counts()).resolves.toEqual(before);
    });

    it('a batch of more than 50,000 entries is refused before anything is stored', async () => {
      const before = await log.counts();
      const body = '{}\n'.repeat(50_001);
      const response = await log.submitNdjson(body);
      const problem = log.expectProblem(response, 422, 'entries');
      expect(problem.errors?.[0]?.reason).toMatch(/50000|50,000/);
      await expect(log.counts()).resolves.toEqual(before);
    });

    it("a batch of only bad entries stores nothing and names each entry's field", async () => {
      const learningsBefore = await log.app.count('learnings');
      const entries = [
        {
          type: 'learning',
          idempotencyKey: `bad-${uniqueWord()}`,
          initiativeId: log.initiativeId,
          observed: 'o',
          belief: 'b',
          decision: 'maybe',
          confidence: 'low',
        },
        {
          type: 'learning',
          idempotencyKey: `bad-${uniqueWord()}`,
          initiativeId: 'nope',
          observed: 'o',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
        },
        {
          type: 'result',
          idempotencyKey: `bad-${uniqueWord()}`,
          experimentId: log.experimentId,
          value: 'high',
          sampleSize: 3,
        },
        { type: 'opinion', idempotencyKey: `bad-${uniqueWord()}` },
        {
          type: 'learning',
          idempotencyKey: 'has space',
          initiativeId: log.initiativeId,
          observed: 'o',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
          mood: 'good',
        },
      ];
      const submitted = await log.post('/api/ingest/batches', entries);
      expect(submitted.status).toBe(202);
      const batch = await log.batchOf(submitted.json<{ id: string }>().id);
      expect(batch).toMatchObject({ total: 5, stored: 0, duplicates: 0, failed: 5, pending: 0 });
      const fields = (index: number): string[] => batch.problems.filter((p) => p.index === index).map((p) => p.field);
      expect(fields(0)).toEqual(['decision']);
      expect(fields(1)).toEqual(['initiativeId']);
      expect(fields(2)).toEqual(['value']);
      expect(fields(3)).toEqual(['type']);
      expect(fields(4)).toEqual(expect.arrayContaining(['idempotencyKey', 'mood']));
      await expect(log.app.count('learnings')).resolves.toBe(learningsBefore);
    });
  });
});
