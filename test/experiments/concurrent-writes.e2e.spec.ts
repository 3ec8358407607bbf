import { TransactionRunner, verifyAuditTrail } from '@ambidex/platform';
import { newInitiative } from '@ambidex/testing';
import { Client } from 'pg';
import { TestApp, TestResponse, TestUser } from '../support/test-app';

/**
 * Many writers on one initiative's experiment log at once, through HTTP. Every use case takes its locks in the one
 * global order (initiative row first), so none deadlocks, and the roll-up and audit chain come out exact.
 */
describe('experiment log under concurrent writers', () => {
  let app: TestApp;
  let owner: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.newUser(['innovation_lead'], 'conc-owner');
    member = await app.newUser(['innovation_lead'], 'conc-member');
  });
  afterAll(() => app.close());

  const post = (url: string, token: string, body: unknown): Promise<TestResponse> =>
    app.request({ method: 'POST', url, token, body });
  const one = async <T>(sql: string, params: unknown[]): Promise<T> =>
    ((await app.dataSource.query(sql, params)) as T[])[0] as T;

  async function initiativeWithTeam(): Promise<string> {
    const id = await newInitiative(app.dataSource, { ownerId: owner.id });
    const team = await app.request({
      method: 'PUT',
      url: `/api/initiatives/${id}/team`,
      token: owner.token,
      body: { memberIds: [member.id] },
    });
    expect(team.status).toBeLessThan(300);
    return id;
  }

  async function plannedExperiment(initiativeId: string): Promise<string> {
    const assumption = await post(`/api/initiatives/${initiativeId}/assumptions`, owner.token, {
      statement: 'It sells',
      riskKind: 'viability',
      importance: 3,
    });
    const experiment = await post(`/api/initiatives/${initiativeId}/experiments`, owner.token, {
      assumptionIds: [assumption.json<{ id: string }>().id],
      hypothesis: 'Half convert',
      method: 'pilot',
      metric: 'conversion',
      comparison: '>=',
      threshold: 0.5,
      minimumSample: 10,
      budget: 100,
    });
    expect(experiment.status).toBe(201);
    return experiment.json<{ id: string }>().id;
  }

  it('three learnings, three assumptions and experiment writes per round, eight rounds at once: all 201, exact counts and chain', async () => {
    const rounds = 8;
    const initiativeId = await initiativeWithTeam();
    const experiments: string[] = [];
    for (let round = 0; round < rounds; round += 1) experiments.push(await plannedExperiment(initiativeId));
    const chain = `initiative:${initiativeId}`;
    const seqBefore = (await one<{ seq: number }>(`SELECT seq FROM audit_chain_heads WHERE chain_key = $1`, [chain]))
      .seq;
    const retriesBefore = totalRetries(app);

    const requests: Promise<TestResponse>[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (let n = 0; n < 3; n += 1) {
        const writer = n % 2 === 0 ? owner : member;
        requests.push(
          post(`/api/initiatives/${initiativeId}/learnings`, writer.token, {
            observed: `seen ${round}.${n}`,
            belief: 'b',
            decision: 'persevere',
            confidence: 'high',
          }),
        );
        requests.push(
          post(`/api/initiatives/${initiativeId}/assumptions`, writer.token, {
            statement: `assumed ${round}.${n}`,
            riskKind: 'desirability',
            importance: 2,
          }),
        );
      }
      requests.push(
        post(`/api/initiatives/${initiativeId}/experiments`, member.token, {
          assumptionIds: [],
          hypothesis: `h ${round}`,
          method: 'survey',
          metric: 'nps',
          comparison: '>=',
          threshold: 30,
          minimumSample: 5,
        }),
      );
      requests.push(
        post(`/api/experiments/${experiments[round]}/result`, round % 2 === 0 ? owner.token : member.token, {
          value: 0.6,
          sampleSize: 20,
          cost: 50,
        }),
      );
    }
    const responses = await Promise.all(requests);

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const writes = rounds * 8;
    expect(responses).toHaveLength(writes);

    const counts = await one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM learnings WHERE initiative_id = $1) AS learnings,
              (SELECT count(*)::int FROM assumptions WHERE initiative_id = $1) AS assumptions,
              (SELECT count(*)::int FROM experiments WHERE initiative_id = $1) AS experiments,
              (SELECT count(*)::int FROM experiment_results r JOIN experiments e ON e.id = r.experiment_id WHERE e.initiative_id = $1) AS results`,
      [initiativeId],
    );
    expect(counts).toEqual({
      learnings: rounds * 3,
      assumptions: rounds * 4,
      experiments: rounds * 2,
      results: rounds,
    });
    // The roll-up was recomputed by the last writer with everything the others committed: exact, not one behind.
    const rollup = await one<Record<string, unknown>>(
      `SELECT assumptions, validated, learnings, experiment_cost::float AS cost FROM initiative_learning_rollups WHERE initiative_id = $1`,
      [initiativeId],
    );
    expect(rollup).toEqual({ assumptions: rounds * 4, validated: rounds, learnings: rounds * 3, cost: rounds * 50 });
    // One audit entry per write, gap-free, and the chain verifies.
    const seqAfter = (await one<{ seq: number }>(`SELECT seq FROM audit_chain_heads WHERE chain_key = $1`, [chain]))
      .seq;
    expect(seqAfter - seqBefore).toBe(writes);
    await expect(app.dataSource.transaction((em) => verifyAuditTrail(em, chain))).resolves.toMatchObject({ ok: true });
    // For the report: how often the runner had to retry (0 when the lock order holds).
    console.log(
      `concurrent experiment-log writes: ${writes} requests, statuses ${JSON.stringify(tally(statuses))}, retries ${totalRetries(app) - retriesBefore}`,
    );
  }, 120_000);

  it('when the retries run out the client gets 503 problem+json with retry-after, and nothing is stored', async () => {
    const initiativeId = await initiativeWithTeam();
    const marker = `always-conflicts-${initiativeId}`;
    const fn = `test_conflict_${initiativeId.replace(/-/g, '')}`;
    // A real PostgreSQL serialization failure on every attempt, for this one statement only. Triggers are the
    // owner's to create: the app's own role may not.
    const ownerDb = new Client({ connectionString: app.config.database.url });
    await ownerDb.connect();
    await ownerDb.query(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = 'serialization_failure'; END $$`,
    );
    await ownerDb.query(
      `CREATE TRIGGER ${fn} BEFORE INSERT ON assumptions FOR EACH ROW WHEN (NEW.statement = '${marker}') EXECUTE FUNCTION ${fn}()`,
    );
    try {
      const retriesBefore = totalRetries(app);
      const refused = await post(`/api/initiatives/${initiativeId}/assumptions`, owner.token, {
        statement: marker,
        riskKind: 'viability',
        importance: 1,
      });
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.json()).toMatchObject({ status: 503, code: 'DATABASE.CONTENTION' });
      expect(totalRetries(app) - retriesBefore).toBe(4); // five attempts in all
      await expect(app.count(`assumptions WHERE initiative_id = '${initiativeId}'`)).resolves.toBe(0);
      await expect(
        app.count(
          `audit_entries WHERE chain_key = 'initiative:${initiativeId}' AND action = 'experiments.assumption.created'`,
        ),
      ).resolves.toBe(0);
    } finally {
      await ownerDb.query(`DROP TRIGGER ${fn} ON assumptions`);
      await ownerDb.query(`DROP FUNCTION ${fn}()`);
      await ownerDb.end();
    }
  });
});

function totalRetries(app: TestApp): number {
  return [...app.app.get(TransactionRunner).retries().values()].reduce((a, b) => a + b, 0);
}

function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}
