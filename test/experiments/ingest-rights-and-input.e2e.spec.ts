import { eventually, newInitiative, obliterateQueues } from '@ambidex/testing';
import { randomBytes } from 'node:crypto';
import { TestApp, TestResponse, TestUser } from '../support/test-app';

/** Every table a write to the experiment log can touch: a refused request must leave all of them as they were. */
const WRITE_TABLES = [
  'initiative_members',
  'assumptions',
  'assumption_status_events',
  'experiments',
  'experiment_assumptions',
  'experiment_results',
  'learnings',
  'ingest_batches',
  'ingest_entries',
  'initiative_learning_rollups',
  'audit_entries',
  'outbox_events',
];

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; reason: string }[];
}

interface BatchStatus {
  id: string;
  status: string;
  total: number;
  stored: number;
  duplicates: number;
  failed: number;
  pending: number;
  problems: { index: number; field: string; reason: string }[];
}

/** A word of letters only, unknown to the English dictionary, so full-text search finds exactly what we wrote. */
function uniqueWord(): string {
  return `qz${randomBytes(6)
    .toString('hex')
    .replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)] ?? 'g')}`;
}

/** Bad input and rights on the experiment log: precise 4xx problems that write nothing; who reads, who writes. */
describe('experiment log: rights and bad input', () => {
  let app: TestApp;
  let owner: TestUser;
  let otherLead: TestUser;
  let admin: TestUser;
  let gatekeeper: TestUser;
  let leadership: TestUser;
  let initiativeId: string;
  let assumptionId: string;
  let experimentId: string;
  let learningId: string;

  beforeAll(async () => {
    // Own database: row counts before and after a request are then exact, whatever other suites do meanwhile.
    app = await TestApp.startIsolated({ worker: true });
    owner = await app.newUser(['innovation_lead'], 'log-owner');
    otherLead = await app.newUser(['innovation_lead'], 'log-other');
    admin = await app.newUser(['admin'], 'log-admin');
    gatekeeper = await app.newUser(['gatekeeper'], 'log-gk');
    leadership = await app.newUser(['leadership'], 'log-lead');
    initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id });
    const assumption = await post(`/api/initiatives/${initiativeId}/assumptions`, {
      statement: 'Clinics want it',
      riskKind: 'desirability',
      importance: 4,
    });
    expect(assumption.status).toBe(201);
    assumptionId = assumption.json<{ id: string }>().id;
    const experiment = await post(`/api/initiatives/${initiativeId}/experiments`, {
      assumptionIds: [assumptionId],
      hypothesis: 'A pilot converts',
      method: 'pilot',
      metric: 'conversion',
      comparison: '>=',
      threshold: 0.1,
      minimumSample: 10,
    });
    expect(experiment.status).toBe(201);
    experimentId = experiment.json<{ id: string }>().id;
    const learning = await post(`/api/initiatives/${initiativeId}/learnings`, {
      observed: 'Nurses skip step two',
      belief: 'Shorter forms',
      decision: 'persevere',
      confidence: 'medium',
    });
    expect(learning.status).toBe(201);
    learningId = learning.json<{ id: string }>().id;
  }, 120_000); // its own database and three users: slow on a busy machine
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  function post(url: string, body: unknown, token = owner.token): Promise<TestResponse> {
    return app.request({ method: 'POST', url, token, body });
  }

  function submitNdjson(body: string, token = owner.token): Promise<TestResponse> {
    return app.request({
      method: 'POST',
      url: '/api/ingest/batches',
      token,
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
  }

  const counts = async (): Promise<Record<string, number>> =>
    Object.fromEntries(await Promise.all(WRITE_TABLES.map(async (t) => [t, await app.count(t)] as const)));

  async function batchOf(batchId: string, token = owner.token): Promise<BatchStatus> {
    return eventually(
      async () => (await app.request({ url: `/api/ingest/batches/${batchId}`, token })).json<BatchStatus>(),
      (b) => b.status === 'completed',
      20_000,
    );
  }

  function expectProblem(response: TestResponse, status: number, field?: string): Problem {
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<Problem>();
    expect(problem).toMatchObject({ status, code: expect.any(String), detail: expect.any(String) });
    if (field !== undefined)
      expect(problem.errors?.map((e) => e.field)).toContainEqual(
        expect.stringMatching(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}`)),
      );
    return problem;
  }

  describe('malformed payloads get a 4xx naming the field and write nothing', () => {
    // Urls and bodies naming ids are functions: the ids exist only once beforeAll has run.
    type Case = [string, 'POST' | 'PUT' | 'PATCH', () => string, unknown, number, string];
    const cases: Case[] = [
      [
        'team: memberIds not a list',
        'PUT',
        () => `/api/initiatives/${initiativeId}/team`,
        { memberIds: 'everyone' },
        422,
        'memberIds',
      ],
      [
        'team: a member id that is not a UUID',
        'PUT',
        () => `/api/initiatives/${initiativeId}/team`,
        { memberIds: ['bob'] },
        422,
        'memberIds',
      ],
      ['team: a path id that is not a UUID', 'PUT', () => '/api/initiatives/42/team', { memberIds: [] }, 422, 'id'],
      [
        'assumption: unknown risk kind',
        'POST',
        () => `/api/initiatives/${initiativeId}/assumptions`,
        { statement: 's', riskKind: 'scary', importance: 3 },
        422,
        'riskKind',
      ],
      [
        'assumption: importance out of range',
        'POST',
        () => `/api/initiatives/${initiativeId}/assumptions`,
        { statement: 's', riskKind: 'viability', importance: 9 },
        422,
        'importance',
      ],
      [
        'assumption: statement missing',
        'POST',
        () => `/api/initiatives/${initiativeId}/assumptions`,
        { riskKind: 'viability', importance: 3 },
        422,
        'statement',
      ],
      [
        'assumption: an unknown field',
        'POST',
        () => `/api/initiatives/${initiativeId}/assumptions`,
        { statement: 's', riskKind: 'viability', importance: 3, status: 'validated' },
        422,
        'status',
      ],
      [
        'assumption patch: importance 0',
        'PATCH',
        () => `/api/assumptions/${assumptionId}`,
        { importance: 0 },
        422,
        'importance',
      ],
      [
        'assumption patch: status is not writable',
        'PATCH',
        () => `/api/assumptions/${assumptionId}`,
        { status: 'validated' },
        422,
        'status',
      ],
      [
        'experiment: unknown comparison',
        'POST',
        () => `/api/initiatives/${initiativeId}/experiments`,
        () => ({
          assumptionIds: [assumptionId],
          hypothesis: 'h',
          method: 'm',
          metric: 'x',
          comparison: '=~',
          threshold: 1,
          minimumSample: 0,
        }),
        422,
        'comparison',
      ],
      [
        'experiment: threshold not a number',
        'POST',
        () => `/api/initiatives/${initiativeId}/experiments`,
        () => ({
          assumptionIds: [assumptionId],
          hypothesis: 'h',
          method: 'm',
          metric: 'x',
          comparison: '>=',
          threshold: 'high',
          minimumSample: 0,
        }),
        422,
        'threshold',
      ],
      [
        'experiment: assumption ids not UUIDs',
        'POST',
        () => `/api/initiatives/${initiativeId}/experiments`,
        () => ({
          assumptionIds: ['a1'],
          hypothesis: 'h',
          method: 'm',
          metric: 'x',
          comparison: '>=',
          threshold: 1,
          minimumSample: 0,
        }),
        422,
        'assumptionIds',
      ],
      [
        'experiment: negative minimum sample',
        'POST',
        () => `/api/initiatives/${initiativeId}/experiments`,
        () => ({
          assumptionIds: [assumptionId],
          hypothesis: 'h',
          method: 'm',
          metric: 'x',
          comparison: '>=',
          threshold: 1,
          minimumSample: -1,
        }),
        422,
        'minimumSample',
      ],
      [
        'experiment: planned start not a date',
        'POST',
        () => `/api/initiatives/${initiativeId}/experiments`,
        () => ({
          assumptionIds: [assumptionId],
          hypothesis: 'h',
          method: 'm',
          metric: 'x',
          comparison: '>=',
          threshold: 1,
          minimumSample: 0,
          plannedStart: 'soon',
        }),
        422,
        'plannedStart',
      ],
      [
        'experiment patch: threshold not a number',
        'PATCH',
        () => `/api/experiments/${experimentId}`,
        { threshold: 'x' },
        422,
        'threshold',
      ],
      ['experiment start: path id not a UUID', 'POST', () => '/api/experiments/not-a-uuid/start', {}, 422, 'id'],
      [
        'result: negative sample size',
        'POST',
        () => `/api/experiments/${experimentId}/result`,
        { value: 0.2, sampleSize: -5 },
        422,
        'sampleSize',
      ],
      [
        'result: value not a number',
        'POST',
        () => `/api/experiments/${experimentId}/result`,
        { value: 'NaN', sampleSize: 5 },
        422,
        'value',
      ],
      [
        'result: idempotency key with a space',
        'POST',
        () => `/api/experiments/${experimentId}/result`,
        { value: 0.2, sampleSize: 5, idempotencyKey: 'a b' },
        422,
        'idempotencyKey',
      ],
      [
        'learning: unknown decision',
        'POST',
        () => `/api/initiatives/${initiativeId}/learnings`,
        { observed: 'o', belief: 'b', decision: 'maybe', confidence: 'low' },
        422,
        'decision',
      ],
      [
        'learning: confidence missing',
        'POST',
        () => `/api/initiatives/${initiativeId}/learnings`,
        { observed: 'o', belief: 'b', decision: 'pivot' },
        422,
        'confidence',
      ],
      [
        'learning: empty observation',
        'POST',
        () => `/api/initiatives/${initiativeId}/learnings`,
        { observed: '', belief: 'b', decision: 'pivot', confidence: 'low' },
        422,
        'observed',
      ],
      [
        'learning: evidence URL not http(s)',
        'POST',
        () => `/api/initiatives/${initiativeId}/learnings`,
        () => ({
          observed: 'o',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
          evidence: [{ kind: 'url', url: 'ftp://files.example/x' }],
        }),
        422,
        'evidence',
      ],
      [
        'learning: file evidence with a bad hash',
        'POST',
        () => `/api/initiatives/${initiativeId}/learnings`,
        () => ({
          observed: 'o',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
          evidence: [{ kind: 'file', name: 'notes.pdf', sha256: 'abc' }],
        }),
        422,
        'evidence',
      ],
      [
        'learning: a URL evidence link without its URL',
        'POST',
        () => `/api/initiatives/${initiativeId}/learnings`,
        () => ({
          observed: 'o',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
          evidence: [{ kind: 'url' }],
        }),
        422,
        'evidence',
      ],
      [
        'learning: a file evidence link without its SHA-256',
        'POST',
        () => `/api/initiatives/${initiativeId}/learnings`,
        () => ({
          observed: 'o',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
          evidence: [{ kind: 'file', name: 'interviews.pdf' }],
        }),
        422,
        'evidence',
      ],
      [
        'learning: a NUL character in the text',
        'POST',
        () => `/api/initiatives/${initiativeId}/learnings`,
        { observed: 'a\u0000b', belief: 'b', decision: 'pivot', confidence: 'low' },
        422,
        'observed',
      ],
      [
        'experiment: a budget beyond what the column holds',
        'POST',
        () => `/api/initiatives/${initiativeId}/experiments`,
        () => ({
          assumptionIds: [assumptionId],
          hypothesis: 'h',
          method: 'm',
          metric: 'x',
          comparison: '>=',
          threshold: 1,
          minimumSample: 0,
          budget: 1e15,
        }),
        422,
        'budget',
      ],
      [
        'experiment: a minimum sample beyond a 32-bit integer',
        'POST',
        () => `/api/initiatives/${initiativeId}/experiments`,
        () => ({
          assumptionIds: [assumptionId],
          hypothesis: 'h',
          method: 'm',
          metric: 'x',
          comparison: '>=',
          threshold: 1,
          minimumSample: 3_000_000_000,
        }),
        422,
        'minimumSample',
      ],
      [
        'result: a cost beyond what the column holds',
        'POST',
        () => `/api/experiments/${experimentId}/result`,
        { value: 0.2, sampleSize: 5, cost: 1e13 },
        422,
        'cost',
      ],
      [
        'result: a sample size beyond a 32-bit integer',
        'POST',
        () => `/api/experiments/${experimentId}/result`,
        { value: 0.2, sampleSize: 3_000_000_000 },
        422,
        'sampleSize',
      ],
      [
        'learning: supersedes not a UUID',
        'POST',
        () => `/api/initiatives/${initiativeId}/learnings`,
        { observed: 'o', belief: 'b', decision: 'pivot', confidence: 'low', supersedes: 'the last one' },
        422,
        'supersedes',
      ],
      ['batch: a JSON object without entries', 'POST', () => '/api/ingest/batches', { items: [] }, 422, 'body'],
      ['batch: entries not a list', 'POST', () => '/api/ingest/batches', { entries: 'many' }, 422, 'body'],
      ['batch: an empty list', 'POST', () => '/api/ingest/batches', [], 422, 'entries'],
      ['batch: an empty entries list', 'POST', () => '/api/ingest/batches', { entries: [] }, 422, 'entries'],
    ];

    it.each(cases)('%s', async (_, method, url, body, status, field) => {
      const before = await counts();
      const response = await app.request({
        method,
        url: url(),
        token: owner.token,
        body: typeof body === 'function' ? (body as () => unknown)() : body,
      });
      expectProblem(response, status, field);
      await expect(counts()).resolves.toEqual(before);
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
        () => `/api/initiatives/${initiativeId}/learnings?includeSuperseded=maybe`,
        'includeSuperseded',
      ],
      ['learning: path id not a UUID', '/api/learnings/abc', 'id'],
      ['experiment: path id not a UUID', '/api/experiments/abc', 'id'],
      ['batch status: path id not a UUID', '/api/ingest/batches/abc', 'id'],
    ] as [string, string | (() => string), string][])('%s', async (_, url, field) => {
      const response = await app.request({ url: typeof url === 'string' ? url : url(), token: owner.token });
      expectProblem(response, 422, field);
    });

    it('malformed JSON in a batch is a 400, and nothing is written', async () => {
      const before = await counts();
      const response = await app.request({
        method: 'POST',
        url: '/api/ingest/batches',
        token: owner.token,
        body: '[{"type": "learning",',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(response, 400);
      await expect(counts()).resolves.toEqual(before);
    });

    it('a batch body that is neither a JSON array nor NDJSON is a 422 naming the body', async () => {
      const before = await counts();
      for (const [body, contentType] of [
        ['"just a string"', 'application/json'],
        ['42', 'application/json'],
      ] as const) {
        const response = await app.request({
          method: 'POST',
          url: '/api/ingest/batches',
          token: owner.token,
          body,
          headers: { 'content-type': contentType },
        });
        expectProblem(response, 422, 'body');
      }
      // NDJSON sent as plain text is not read at all: the API takes JSON and NDJSON only.
      const plain = await app.request({
        method: 'POST',
        url: '/api/ingest/batches',
        token: owner.token,
        body: '{"type":"learning"}\n{"type":"learning"}',
        headers: { 'content-type': 'text/plain' },
      });
      expect(plain.status).toBe(415);
      await expect(counts()).resolves.toEqual(before);
    });

    it('an empty NDJSON batch (no body, or blank lines only) is a 422', async () => {
      const before = await counts();
      for (const body of ['', '\n\n  \n', '\r\n']) {
        expect(expectProblem(await submitNdjson(body), 422, 'entries').code).toBe('EXPERIMENTS.INVALID_BATCH');
      }
      await expect(counts()).resolves.toEqual(before);
    });

    it('a batch of more than 50,000 entries is refused before anything is stored', async () => {
      const before = await counts();
      const body = '{}\n'.repeat(50_001);
      const response = await submitNdjson(body);
      const problem = expectProblem(response, 422, 'entries');
      expect(problem.errors?.[0]?.reason).toMatch(/50000|50,000/);
      await expect(counts()).resolves.toEqual(before);
    });

    it("a batch of only bad entries stores nothing and names each entry's field", async () => {
      const learningsBefore = await app.count('learnings');
      const entries = [
        {
          type: 'learning',
          idempotencyKey: `bad-${uniqueWord()}`,
          initiativeId,
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
        { type: 'result', idempotencyKey: `bad-${uniqueWord()}`, experimentId, value: 'high', sampleSize: 3 },
        { type: 'opinion', idempotencyKey: `bad-${uniqueWord()}` },
        {
          type: 'learning',
          idempotencyKey: 'has space',
          initiativeId,
          observed: 'o',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
          mood: 'good',
        },
      ];
      const submitted = await post('/api/ingest/batches', entries);
      expect(submitted.status).toBe(202);
      const batch = await batchOf(submitted.json<{ id: string }>().id);
      expect(batch).toMatchObject({ total: 5, stored: 0, duplicates: 0, failed: 5, pending: 0 });
      const fields = (index: number): string[] => batch.problems.filter((p) => p.index === index).map((p) => p.field);
      expect(fields(0)).toEqual(['decision']);
      expect(fields(1)).toEqual(['initiativeId']);
      expect(fields(2)).toEqual(['value']);
      expect(fields(3)).toEqual(['type']);
      expect(fields(4)).toEqual(expect.arrayContaining(['idempotencyKey', 'mood']));
      await expect(app.count('learnings')).resolves.toBe(learningsBefore);
    });
  });

  describe('entries the database cannot store are reported per entry, never sink the batch', () => {
    async function runningExperiment(): Promise<string> {
      const created = await post(`/api/initiatives/${initiativeId}/experiments`, {
        assumptionIds: [assumptionId],
        hypothesis: 'h',
        method: 'm',
        metric: 'x',
        comparison: '>=',
        threshold: 1,
        minimumSample: 0,
      });
      const id = created.json<{ id: string }>().id;
      expect((await post(`/api/experiments/${id}/start`, {})).status).toBe(200);
      return id;
    }

    it.each([
      ['a cost beyond numeric(14,2)', { cost: 1e13 }, 'cost'],
      ['a sample size beyond a 32-bit integer', { sampleSize: 3_000_000_000 }, 'sampleSize'],
      ['a date JavaScript accepts and PostgreSQL does not', { observedAt: '2020-02-30' }, 'observedAt'],
    ])('%s', async (_, bad, field) => {
      const experiment = await runningExperiment();
      const tag = uniqueWord();
      const submitted = await post('/api/ingest/batches', [
        {
          type: 'learning',
          idempotencyKey: `${tag}-good`,
          initiativeId,
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
          (await app.request({ url: `/api/ingest/batches/${batchId}`, token: owner.token })).json<BatchStatus>(),
        (b) => b.status === 'completed',
        10_000,
      );
      expect(batch).toMatchObject({
        status: 'completed',
        stored: 1,
        failed: 1,
        problems: [expect.objectContaining({ index: 1, field })],
      });
      await expect(app.count(`learnings WHERE idempotency_key = '${tag}-good'`)).resolves.toBe(1);
    });

    it('a NUL character in one entry is not a 5xx for the whole upload', async () => {
      const before = await counts();
      const tag = uniqueWord();
      const response = await post('/api/ingest/batches', [
        {
          type: 'learning',
          idempotencyKey: `${tag}-1`,
          initiativeId,
          observed: 'fine',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
        },
        {
          type: 'learning',
          idempotencyKey: `${tag}-2`,
          initiativeId,
          observed: 'a\u0000b',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
        },
      ]);
      expect(response.status).toBeLessThan(500);
      if (response.status === 202) {
        const batch = await batchOf(response.json<{ id: string }>().id);
        expect(batch).toMatchObject({
          stored: 1,
          failed: 1,
          problems: [expect.objectContaining({ index: 1, field: 'observed' })],
        });
      } else {
        expectProblem(response, response.status, 'entries');
        await expect(counts()).resolves.toEqual(before);
      }
    });
  });

  describe('rights', () => {
    it('a batch is visible to its submitter and admins only', async () => {
      const submitted = await post('/api/ingest/batches', [
        {
          type: 'learning',
          idempotencyKey: `vis-${uniqueWord()}`,
          initiativeId,
          observed: 'Visible to whom',
          belief: 'Owner and admins',
          decision: 'persevere',
          confidence: 'high',
        },
      ]);
      expect(submitted.status).toBe(202);
      const batchId = submitted.json<{ id: string }>().id;
      await expect(batchOf(batchId)).resolves.toMatchObject({ status: 'completed', stored: 1 });
      const byOther = await app.request({ url: `/api/ingest/batches/${batchId}`, token: otherLead.token });
      expect(expectProblem(byOther, 404).code).toBe('EXPERIMENTS.BATCH_NOT_FOUND');
      const byAdmin = await app.request({ url: `/api/ingest/batches/${batchId}`, token: admin.token });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.json()).toMatchObject({ id: batchId, stored: 1 });
      for (const reader of [gatekeeper, leadership]) {
        expectProblem(await app.request({ url: `/api/ingest/batches/${batchId}`, token: reader.token }), 403);
      }
    });

    it('another innovation lead cannot write to the initiative, in bulk either: each entry is refused, nothing stored', async () => {
      const before = await app.count('learnings');
      const denied = await post(
        `/api/initiatives/${initiativeId}/learnings`,
        { observed: 'o', belief: 'b', decision: 'pivot', confidence: 'low' },
        otherLead.token,
      );
      expect(expectProblem(denied, 403).code).toBe('EXPERIMENTS.NOT_ON_TEAM');
      const submitted = await post(
        '/api/ingest/batches',
        [0, 1].map((i) => ({
          type: 'learning',
          idempotencyKey: `foreign-${uniqueWord()}-${i}`,
          initiativeId,
          observed: 'o',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
        })),
        otherLead.token,
      );
      expect(submitted.status).toBe(202);
      const batch = await batchOf(submitted.json<{ id: string }>().id, otherLead.token);
      expect(batch).toMatchObject({ stored: 0, failed: 2 });
      expect(batch.problems).toEqual(
        [0, 1].map((index) =>
          expect.objectContaining({ index, field: 'initiativeId', reason: expect.stringMatching(/not on/) }),
        ),
      );
      await expect(app.count('learnings')).resolves.toBe(before);
    });

    it('gatekeepers and leadership read the experiment log', async () => {
      const reads = [
        `/api/initiatives/${initiativeId}/team`,
        `/api/initiatives/${initiativeId}/assumptions`,
        `/api/assumptions/${assumptionId}/history`,
        `/api/initiatives/${initiativeId}/experiments`,
        `/api/experiments/${experimentId}`,
        `/api/initiatives/${initiativeId}/learnings`,
        `/api/learnings/${learningId}`,
        '/api/learnings/search?q=nurses',
      ];
      for (const reader of [gatekeeper, leadership]) {
        for (const url of reads) {
          const response = await app.request({ url, token: reader.token });
          expect({ url, status: response.status }).toEqual({ url, status: 200 });
        }
      }
    });

    it('gatekeepers and leadership cannot write it (403), and nothing is written', async () => {
      const writes: ['POST' | 'PUT' | 'PATCH', string, unknown][] = [
        ['PUT', `/api/initiatives/${initiativeId}/team`, { memberIds: [] }],
        [
          'POST',
          `/api/initiatives/${initiativeId}/assumptions`,
          { statement: 's', riskKind: 'viability', importance: 2 },
        ],
        ['PATCH', `/api/assumptions/${assumptionId}`, { importance: 1 }],
        [
          'POST',
          `/api/initiatives/${initiativeId}/experiments`,
          {
            assumptionIds: [assumptionId],
            hypothesis: 'h',
            method: 'm',
            metric: 'x',
            comparison: '>=',
            threshold: 1,
            minimumSample: 0,
          },
        ],
        ['PATCH', `/api/experiments/${experimentId}`, { threshold: 0.5 }],
        ['POST', `/api/experiments/${experimentId}/start`, {}],
        ['POST', `/api/experiments/${experimentId}/result`, { value: 0.2, sampleSize: 50 }],
        [
          'POST',
          `/api/initiatives/${initiativeId}/learnings`,
          { observed: 'o', belief: 'b', decision: 'pivot', confidence: 'low' },
        ],
        [
          'POST',
          '/api/ingest/batches',
          [
            {
              type: 'learning',
              idempotencyKey: `gk-${uniqueWord()}`,
              initiativeId,
              observed: 'o',
              belief: 'b',
              decision: 'pivot',
              confidence: 'low',
            },
          ],
        ],
      ];
      const before = await counts();
      for (const reader of [gatekeeper, leadership]) {
        for (const [method, url, body] of writes) {
          const response = await app.request({ method, url, token: reader.token, body });
          expect({ method, url, status: response.status }).toEqual({ method, url, status: 403 });
          expect(response.json()).toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
        }
      }
      await expect(counts()).resolves.toEqual(before);
    });
  });

  it('a batch sent twice at once stores each learning exactly once', async () => {
    // 1,500 entries: two chunks per batch, and the two ingest jobs (worker concurrency 2) really overlap.
    const tag = uniqueWord();
    const entries = Array.from({ length: 1500 }, (_, i) => ({
      type: 'learning',
      idempotencyKey: `${tag}-${i}`,
      initiativeId,
      observed: `Concurrent resend ${tag} number ${i}`,
      belief: 'Stored once',
      decision: 'persevere',
      confidence: 'low',
    }));
    const body = entries.map((e) => JSON.stringify(e)).join('\n');
    const [first, second] = await Promise.all([submitNdjson(body), submitNdjson(body)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    const batches = await Promise.all([first, second].map((r) => batchOf(r.json<{ id: string }>().id)));

    // The invariant: one row per idempotency key, every key stored.
    const rows = (await app.dataSource.query(
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

  it('learnings of killed and held initiatives are still found by search, by readers too', async () => {
    const found: Record<string, string> = {};
    for (const status of ['killed', 'on_hold'] as const) {
      const word = uniqueWord();
      const id = await newInitiative(app.dataSource, { ownerId: owner.id, title: `To be ${status}` });
      const recorded = await post(`/api/initiatives/${id}/learnings`, {
        observed: `The ${word} market never paid`,
        belief: 'Nobody needs it',
        decision: 'kill',
        confidence: 'high',
      });
      expect(recorded.status).toBe(201);
      await app.dataSource.query(`UPDATE initiatives SET status = $2 WHERE id = $1`, [id, status]);
      found[status] = word;
      for (const reader of [owner, gatekeeper, leadership]) {
        const response = await app.request({ url: `/api/learnings/search?q=${word}`, token: reader.token });
        expect(response.status).toBe(200);
        const hits =
          response.json<{ learningId: string; initiativeId: string; initiativeStatus: string; highlight: string }[]>();
        expect(hits).toEqual([
          expect.objectContaining({
            learningId: recorded.json<{ id: string }>().id,
            initiativeId: id,
            initiativeStatus: status,
          }),
        ]);
        expect(hits[0]?.highlight).toContain(`<mark>${word}</mark>`);
      }
    }
    const both = await app.request({
      url: `/api/learnings/search?q=${encodeURIComponent(`${found.killed} or ${found.on_hold}`)}&decision=kill`,
      token: gatekeeper.token,
    });
    expect(both.json<unknown[]>()).toHaveLength(2);
  });
});
