import { EvidenceReader } from '@ambidex/experiments';
import { newInitiative } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';

/** What other contexts read of an initiative's evidence, through the one reader experiments offers them. */
describe('EvidenceReader', () => {
  let app: TestApp;
  let reader: EvidenceReader;
  let owner: TestUser;
  let initiativeId: string;
  const ids = { minor: '', riskiest: '', other: '', tested: '', planned: '', corrected: '', correction: '', plain: '' };

  const post = async (url: string, body: unknown): Promise<string> => {
    const response = await app.request({ method: 'POST', url, token: owner.token, body });
    if (response.status >= 300) throw new Error(`POST ${url}: ${response.status} ${response.body}`);
    return response.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    app = await TestApp.start();
    reader = app.app.get(EvidenceReader);
    owner = await app.newUser(['innovation_lead'], 'evidence-owner');
    initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id });
    const assumption = (statement: string, importance: number) =>
      post(`/api/initiatives/${initiativeId}/assumptions`, { statement, riskKind: 'desirability', importance });
    ids.minor = await assumption('Receptionists like it', 2);
    ids.riskiest = await assumption('Clinics want self check-in', 5);
    ids.other = await assumption('Patients find the kiosk', 3);
    const experiment = (assumptionIds: string[], metric: string) =>
      post(`/api/initiatives/${initiativeId}/experiments`, {
        assumptionIds,
        hypothesis: `${metric} is high enough`,
        method: 'pilot',
        metric,
        comparison: '>=',
        threshold: 0.3,
        minimumSample: 10,
      });
    ids.tested = await experiment([ids.riskiest, ids.other], 'kiosk share');
    ids.planned = await experiment([ids.minor], 'smiles');
    // A numeric keeps the scale it was written with; the reader hands it on as PostgreSQL writes it.
    await app.dataSource.query(`UPDATE experiments SET threshold = '0.30' WHERE id = $1`, [ids.tested]);
    await post(`/api/experiments/${ids.tested}/start`, {});
    await post(`/api/experiments/${ids.tested}/result`, { value: 0.45, sampleSize: 20 });
    const learning = (observed: string, supersedes: string | null = null) =>
      post(`/api/initiatives/${initiativeId}/learnings`, {
        experimentId: ids.tested,
        observed,
        belief: 'they use it',
        decision: 'persevere',
        confidence: 'medium',
        ...(supersedes === null ? {} : { supersedes }),
      });
    ids.corrected = await learning('kiosk share 0.54');
    ids.plain = await learning('queues shorter');
    ids.correction = await learning('kiosk share 0.45', ids.corrected);
  });
  afterAll(() => app.close());

  it('reads an initiative: assumptions riskiest first, experiments with their results, current learnings only', async () => {
    const evidence = await reader.forInitiative(app.dataSource.manager, initiativeId);
    expect(evidence.assumptions.map((a) => [a.id, a.importance])).toEqual([
      [ids.riskiest, 5],
      [ids.other, 3],
      [ids.minor, 2],
    ]);
    expect(evidence.assumptions[0]).toEqual({
      id: ids.riskiest,
      initiativeId,
      statement: 'Clinics want self check-in',
      riskKind: 'desirability',
      importance: 5,
      status: 'validated',
    });
    const [tested, planned] = evidence.experiments;
    expect(evidence.experiments.map((e) => e.id)).toEqual([ids.tested, ids.planned]);
    expect(tested).toMatchObject({
      metric: 'kiosk share',
      comparison: '>=',
      threshold: '0.30',
      minimumSample: 10,
      status: 'completed',
      assumptionIds: [ids.riskiest, ids.other].sort(),
      result: { value: '0.45', sampleSize: 20, result: 'validated' },
    });
    expect(tested?.startedAt).toBeInstanceOf(Date);
    expect(tested?.result?.observedAt).toBeInstanceOf(Date);
    expect(planned).toMatchObject({ status: 'planned', startedAt: null, result: null, assumptionIds: [ids.minor] });
    expect(evidence.learnings.map((l) => l.id)).toEqual([ids.plain, ids.correction]);
    expect(evidence.learnings[1]).toMatchObject({
      experimentId: ids.tested,
      observed: 'kiosk share 0.45',
      decision: 'persevere',
      confidence: 'medium',
      evidence: [],
      supersedesId: ids.corrected,
    });
  });

  it('reads by ids: superseded learnings too, since a package keeps what it was built from', async () => {
    const em = app.dataSource.manager;
    expect((await reader.assumptionsByIds(em, [ids.minor, ids.riskiest])).map((a) => a.id)).toEqual([
      ids.riskiest,
      ids.minor,
    ]);
    expect((await reader.experimentsByIds(em, [ids.planned])).map((e) => e.metric)).toEqual(['smiles']);
    expect((await reader.learningsByIds(em, [ids.correction, ids.corrected])).map((l) => l.id)).toEqual([
      ids.corrected,
      ids.correction,
    ]);
    expect(await reader.assumptionsByIds(em, [])).toEqual([]);
  });

  it("reads in the caller's transaction", async () => {
    await app.dataSource
      .transaction(async (em) => {
        await em.query(`UPDATE assumptions SET status = 'invalidated' WHERE id = $1`, [ids.minor]);
        const [seen] = await reader.assumptionsByIds(em, [ids.minor]);
        expect(seen?.status).toBe('invalidated');
        const [outside] = await reader.assumptionsByIds(app.dataSource.manager, [ids.minor]);
        expect(outside?.status).toBe('untested');
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
  });
});
