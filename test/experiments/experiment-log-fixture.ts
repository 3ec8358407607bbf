import { eventually, newInitiative, obliterateQueues } from '@ambidex/testing';
import { randomBytes } from 'node:crypto';
import { TestApp, TestResponse, TestUser } from '../support/test-app';

/** Every table a write to the experiment log can touch: a refused request must leave all of them as they were. */
export const WRITE_TABLES = [
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

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; reason: string }[];
}

export interface BatchStatus {
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
export function uniqueWord(): string {
  return `qz${randomBytes(6)
    .toString('hex')
    .replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)] ?? 'g')}`;
}

/**
 * The experiment log's specs share this: an app with a live worker on a database of its own (row counts before and
 * after a request are then exact, whatever other suites do meanwhile), one user per role, and an initiative with an
 * assumption, an experiment and a learning.
 */
export class ExperimentLogFixture {
  owner!: TestUser;
  otherLead!: TestUser;
  admin!: TestUser;
  gatekeeper!: TestUser;
  leadership!: TestUser;
  initiativeId!: string;
  assumptionId!: string;
  experimentId!: string;
  learningId!: string;

  private constructor(readonly app: TestApp) {}

  static async start(): Promise<ExperimentLogFixture> {
    const f = new ExperimentLogFixture(await TestApp.startIsolated({ worker: true }));
    const app = f.app;
    f.owner = await app.newUser(['innovation_lead'], 'log-owner');
    f.otherLead = await app.newUser(['innovation_lead'], 'log-other');
    f.admin = await app.newUser(['admin'], 'log-admin');
    f.gatekeeper = await app.newUser(['gatekeeper'], 'log-gk');
    f.leadership = await app.newUser(['leadership'], 'log-lead');
    f.initiativeId = await newInitiative(app.dataSource, { ownerId: f.owner.id });
    const assumption = await f.post(`/api/initiatives/${f.initiativeId}/assumptions`, {
      statement: 'Clinics want it',
      riskKind: 'desirability',
      importance: 4,
    });
    expect(assumption.status).toBe(201);
    f.assumptionId = assumption.json<{ id: string }>().id;
    const experiment = await f.post(`/api/initiatives/${f.initiativeId}/experiments`, {
      assumptionIds: [f.assumptionId],
      hypothesis: 'A pilot converts',
      method: 'pilot',
      metric: 'conversion',
      comparison: '>=',
      threshold: 0.1,
      minimumSample: 10,
    });
    expect(experiment.status).toBe(201);
    f.experimentId = experiment.json<{ id: string }>().id;
    const learning = await f.post(`/api/initiatives/${f.initiativeId}/learnings`, {
      observed: 'Nurses skip step two',
      belief: 'Shorter forms',
      decision: 'persevere',
      confidence: 'medium',
    });
    expect(learning.status).toBe(201);
    f.learningId = learning.json<{ id: string }>().id;
    return f;
  }

  async close(): Promise<void> {
    await obliterateQueues(this.app.config);
    await this.app.close();
  }

  post(url: string, body: unknown, token = this.owner.token): Promise<TestResponse> {
    return this.app.request({ method: 'POST', url, token, body });
  }

  submitNdjson(body: string, token = this.owner.token): Promise<TestResponse> {
    return this.app.request({
      method: 'POST',
      url: '/api/ingest/batches',
      token,
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
  }

  counts = async (): Promise<Record<string, number>> =>
    Object.fromEntries(await Promise.all(WRITE_TABLES.map(async (t) => [t, await this.app.count(t)] as const)));

  batchOf(batchId: string, token = this.owner.token): Promise<BatchStatus> {
    return eventually(
      async () => (await this.app.request({ url: `/api/ingest/batches/${batchId}`, token })).json<BatchStatus>(),
      (b) => b.status === 'completed',
      20_000,
    );
  }

  expectProblem(response: TestResponse, status: number, field?: string): Problem {
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
}
