import { newInitiative } from '@ambidex/testing';
import { ExperimentLogFixture, uniqueWord } from './experiment-log-fixture';

/** Rights on the experiment log: who reads, who writes, who sees a batch; search finds learnings of stopped initiatives for readers too. */
describe('experiment log: rights', () => {
  let log: ExperimentLogFixture;

  beforeAll(async () => {
    log = await ExperimentLogFixture.start();
  }, 120_000); // its own database and five users: slow on a busy machine
  afterAll(() => log?.close());

  describe('rights', () => {
    it('a batch is visible to its submitter and admins only', async () => {
      const submitted = await log.post('/api/ingest/batches', [
        {
          type: 'learning',
          idempotencyKey: `vis-${uniqueWord()}`,
          initiativeId: log.initiativeId,
          observed: 'Visible to whom',
          belief: 'Owner and admins',
          decision: 'persevere',
          confidence: 'high',
        },
      ]);
      expect(submitted.status).toBe(202);
      const batchId = submitted.json<{ id: string }>().id;
      await expect(log.batchOf(batchId)).resolves.toMatchObject({ status: 'completed', stored: 1 });
      const byOther = await log.app.request({ url: `/api/ingest/batches/${batchId}`, token: log.otherLead.token });
      expect(log.expectProblem(byOther, 404).code).toBe('EXPERIMENTS.BATCH_NOT_FOUND');
      const byAdmin = await log.app.request({ url: `/api/ingest/batches/${batchId}`, token: log.admin.token });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.json()).toMatchObject({ id: batchId, stored: 1 });
      for (const reader of [log.gatekeeper, log.leadership]) {
        log.expectProblem(await log.app.request({ url: `/api/ingest/batches/${batchId}`, token: reader.token }), 403);
      }
    });

    it('another innovation lead cannot write to the initiative, in bulk either: each entry is refused, nothing stored', async () => {
      const before = await log.app.count('learnings');
      const denied = await log.post(
        `/api/initiatives/${log.initiativeId}/learnings`,
        { observed: 'o', belief: 'b', decision: 'pivot', confidence: 'low' },
        log.otherLead.token,
      );
      expect(log.expectProblem(denied, 403).code).toBe('EXPERIMENTS.NOT_ON_TEAM');
      const submitted = await log.post(
        '/api/ingest/batches',
        [0, 1].map((i) => ({
          type: 'learning',
          idempotencyKey: `foreign-${uniqueWord()}-${i}`,
          initiativeId: log.initiativeId,
          observed: 'o',
          belief: 'b',
          decision: 'pivot',
          confidence: 'low',
        })),
        log.otherLead.token,
      );
      expect(submitted.status).toBe(202);
      const batch = await log.batchOf(submitted.json<{ id: string }>().id, log.otherLead.token);
      expect(batch).toMatchObject({ stored: 0, failed: 2 });
      expect(batch.problems).toEqual(
        [0, 1].map((index) =>
          expect.objectContaining({ index, field: 'initiativeId', reason: expect.stringMatching(/not on/) }),
        ),
      );
      await expect(log.app.count('learnings')).resolves.toBe(before);
    });

    it('gatekeepers and leadership read the experiment log', async () => {
      const reads = [
        `/api/initiatives/${log.initiativeId}/team`,
        `/api/initiatives/${log.initiativeId}/assumptions`,
        `/api/assumptions/${log.assumptionId}/history`,
        `/api/initiatives/${log.initiativeId}/experiments`,
        `/api/experiments/${log.experimentId}`,
        `/api/initiatives/${log.initiativeId}/learnings`,
        `/api/learnings/${log.learningId}`,
        '/api/learnings/search?q=nurses',
      ];
      for (const reader of [log.gatekeeper, log.leadership]) {
        for (const url of reads) {
          const response = await log.app.request({ url, token: reader.token });
          expect({ url, status: response.status }).toEqual({ url, status: 200 });
        }
      }
    });

    it('gatekeepers and leadership cannot write it (403), and nothing is written', async () => {
      const writes: ['POST' | 'PUT' | 'PATCH', string, unknown][] = [
        ['PUT', `/api/initiatives/${log.initiativeId}/team`, { memberIds: [] }],
        [
          'POST',
          `/api/initiatives/${log.initiativeId}/assumptions`,
          { statement: 's', riskKind: 'viability', importance: 2 },
        ],
        ['PATCH', `/api/assumptions/${log.assumptionId}`, { importance: 1 }],
        [
          'POST',
          `/api/initiatives/${log.initiativeId}/experiments`,
          {
            assumptionIds: [log.assumptionId],
            hypothesis: 'h',
            method: 'm',
            metric: 'x',
            comparison: '>=',
            threshold: 1,
            minimumSample: 0,
          },
        ],
        ['PATCH', `/api/experiments/${log.experimentId}`, { threshold: 0.5 }],
        ['POST', `/api/experiments/${log.experimentId}/start`, {}],
        ['POST', `/api/experiments/${log.experimentId}/result`, { value: 0.2, sampleSize: 50 }],
        [
          'POST',
          `/api/initiatives/${log.initiativeId}/learnings`,
          { observed: 'o', belief: 'b', decision: 'pivot', confidence: 'low' },
        ],
        [
          'POST',
          '/api/ingest/batches',
          [
            {
              type: 'learning',
              idempotencyKey: `gk-${uniqueWord()}`,
              initiativeId: log.initiativeId,
              observed: 'o',
              belief: 'b',
              decision: 'pivot',
              confidence: 'low',
            },
          ],
        ],
      ];
      const before = await log.counts();
      for (const reader of [log.gatekeeper, log.leadership]) {
        for (const [method, url, body] of writes) {
          const response = await log.app.request({ method, url, token: reader.token, body });
          expect({ method, url, status: response.status }).toEqual({ method, url, status: 403 });
          expect(response.json()).toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
        }
      }
      await expect(log.counts()).resolves.toEqual(before);
    });
  });

  it('learnings of killed and held initiatives are still found by search, by readers too', async () => {
    const found: Record<string, string> = {};
    for (const status of ['killed', 'on_hold'] as const) {
      const word = uniqueWord();
      const id = await newInitiative(log.app.dataSource, { ownerId: log.owner.id, title: `To be ${status}` });
      const recorded = await log.post(`/api/initiatives/${id}/learnings`, {
        observed: `The ${word} market never paid`,
        belief: 'Nobody needs it',
        decision: 'kill',
        confidence: 'high',
      });
      expect(recorded.status).toBe(201);
      await log.app.dataSource.query(`UPDATE initiatives SET status = $2 WHERE id = $1`, [id, status]);
      found[status] = word;
      for (const reader of [log.owner, log.gatekeeper, log.leadership]) {
        const response = await log.app.request({ url: `/api/learnings/search?q=${word}`, token: reader.token });
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
    const both = await log.app.request({
      url: `/api/learnings/search?q=${encodeURIComponent(`${found.killed} or ${found.on_hold}`)}&decision=kill`,
      token: log.gatekeeper.token,
    });
    expect(both.json<unknown[]>()).toHaveLength(2);
  });
});
