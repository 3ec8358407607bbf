import { QueueProducer } from '@ambidex/platform';
import { DuplicateChecks, InitiativeQueries, PORTFOLIO_QUEUE } from '@ambidex/portfolio';
import { eventually, newInitiative, testConfig } from '@ambidex/testing';
import { randomBytes } from 'node:crypto';
import { TestApp, TestUser } from '../support/test-app';
import { createInitiative, createPortfolio, ensureDefaultModel, initiativeBody } from './support';

interface StoredCheck {
  status: string;
  checkedAt: string | null;
  candidates: { id: string; title: string; similarity: number }[];
}

/**
 * Possible duplicates are found once per new initiative and kept: at create when the search fits its budget, else
 * by the background job, which tells the owner. Two apps on one database: one whose creates wait for the search,
 * one whose creates never do (DUPLICATE_CHECK_BUDGET_MS=0), with the worker.
 */
describe('stored duplicate checks (real PostgreSQL and Redis)', () => {
  let background: TestApp; // creates leave the search to the worker
  let inline: TestApp; // creates wait for the search; no worker of its own
  let owner: TestUser;
  let reader: TestUser;
  let portfolioId: string;
  let original: { id: string; title: string };
  const word = randomBytes(5).toString('hex'); // unique, so only this suite's initiatives are similar

  beforeAll(async () => {
    const base = testConfig();
    background = await TestApp.startIsolated({
      worker: true,
      config: { ...base, duplicates: { ...base.duplicates, checkBudgetMs: 0, backgroundBudgetMs: 60_000 } },
    });
    inline = await TestApp.start({
      config: {
        ...background.config,
        duplicates: { ...base.duplicates, checkBudgetMs: 5_000, backgroundBudgetMs: 60_000 },
      },
    });
    await ensureDefaultModel(background);
    owner = await background.newUser(['innovation_lead'], 'owner');
    reader = await background.newUser(['gatekeeper'], 'reader');
    portfolioId = await createPortfolio(background, await background.newUser(['leadership']));
    const title = `Drone battery swap stations ${word}`;
    const created = await createInitiative(
      inline,
      owner,
      initiativeBody(portfolioId, { title, problem: `Delivery drones ${word} run out of battery far from depots` }),
    );
    original = { id: created.id, title };
  });
  afterAll(async () => {
    await inline.close();
    await background.close();
  });

  const stored = async (id: string, token = reader.token): Promise<StoredCheck> => {
    const response = await background.request({ url: `/api/initiatives/${id}/duplicates`, token });
    expect(response.status).toBe(200);
    return response.json<StoredCheck>();
  };
  const duplicateItems = async (
    initiativeId: string,
  ): Promise<{ kind: string; subjectId: string; title: string }[]> => {
    const response = await background.request({ url: '/api/me/inbox', token: owner.token });
    return response
      .json<{ kind: string; subjectId: string; title: string }[]>()
      .filter((i) => i.kind === 'possible_duplicates' && i.subjectId === initiativeId);
  };
  const portfolioJob = (initiativeId: string) =>
    background.app.get(QueueProducer).queue(PORTFOLIO_QUEUE).getJob(`duplicates-${initiativeId}`);

  it('found at create: answered in the response and kept; the background job then finds it done and tells nobody', async () => {
    const similar = await createInitiative(
      inline,
      owner,
      initiativeBody(portfolioId, { title: `Drone battery swap station ${word}` }),
    );
    expect(similar.duplicateCheckComplete).toBe(true);
    expect(similar.possibleDuplicates.map((d) => d.id)).toContain(original.id);

    const check = await stored(similar.id);
    expect(check).toMatchObject({ status: 'complete', checkedAt: expect.any(String) });
    expect(check.candidates).toEqual(similar.possibleDuplicates);
    await expect(
      background.count(`initiative_duplicate_checks WHERE initiative_id = '${similar.id}' AND source = 'create'`),
    ).resolves.toBe(1);

    const job = await eventually(
      () => portfolioJob(similar.id),
      (j) => j?.finishedOn !== undefined,
    );
    expect(job?.returnvalue).toEqual({ status: 'already-checked', candidates: 0 });
    expect(await duplicateItems(similar.id)).toEqual([]);
  });

  it('past the budget at create: the response says so, the background check stores the candidates and puts them in the owner’s inbox', async () => {
    const response = await background.request({
      method: 'POST',
      url: '/api/initiatives',
      token: owner.token,
      body: initiativeBody(portfolioId, { title: `Drone battery swapping stations ${word}` }),
    });
    expect(response.status).toBe(201);
    const created = response.json<{ id: string; possibleDuplicates: unknown[]; duplicateCheckComplete: boolean }>();
    expect(created).toMatchObject({ possibleDuplicates: [], duplicateCheckComplete: false });

    const check = await eventually(
      () => stored(created.id),
      (c) => c.status === 'complete',
    );
    expect(check.candidates.map((c) => c.id)).toContain(original.id);
    expect(check.candidates.find((c) => c.id === original.id)).toMatchObject({
      title: original.title,
      similarity: expect.any(Number),
    });
    await expect(
      background.count(`initiative_duplicate_checks WHERE initiative_id = '${created.id}' AND source = 'background'`),
    ).resolves.toBe(1);

    const items = await duplicateItems(created.id);
    expect(items).toHaveLength(1);
    expect(items[0]?.title).toContain(`Drone battery swapping stations ${word}`);
  });

  it('a background search that outlasts even its own budget is kept as incomplete, and not run again', async () => {
    // A search longer than the background budget (at least 1 s) needs a large table; here the query answers as it
    // does when PostgreSQL cancels it at the budget.
    const queries = background.app.get(InitiativeQueries);
    const search = jest.spyOn(queries, 'duplicates').mockResolvedValueOnce({ candidates: [], complete: false });
    try {
      const created = await createInitiative(
        background,
        owner,
        initiativeBody(portfolioId, { title: `Drone battery swap pods ${word}` }),
      );
      const check = await eventually(
        () => stored(created.id),
        (c) => c.status !== 'pending',
      );
      expect(check).toMatchObject({ status: 'incomplete', candidates: [] });
      expect(search).toHaveBeenCalledTimes(1);
      await expect(background.app.get(DuplicateChecks).runInBackground(created.id)).resolves.toEqual({
        status: 'already-checked',
        candidates: 0,
      });
      expect(await duplicateItems(created.id)).toEqual([]);
    } finally {
      search.mockRestore();
    }
  });

  it('a create that never waits (budget 0) leaves the search before a create working', async () => {
    const response = await background.request({
      url: `/api/initiatives/duplicates?title=${encodeURIComponent(original.title)}`,
      token: reader.token,
    });
    expect(response.status).toBe(200);
    const found = response.json<{ complete: boolean; candidates: { id: string }[] }>();
    expect(found.complete).toBe(true);
    expect(found.candidates.map((c) => c.id)).toContain(original.id);
  });

  it('a retried or concurrent background check stores nothing twice and notifies once', async () => {
    const created = await createInitiative(
      background,
      owner,
      initiativeBody(portfolioId, { title: `Drone battery swap kiosks ${word}` }),
    );
    const checks = background.app.get(DuplicateChecks);
    const runs = await Promise.all([
      checks.runInBackground(created.id),
      checks.runInBackground(created.id),
      checks.runInBackground(created.id),
    ]);
    expect(runs.filter((r) => r.status === 'checked').length).toBeLessThanOrEqual(1);
    await eventually(
      () => portfolioJob(created.id),
      (j) => j?.finishedOn !== undefined,
    );
    await expect(checks.runInBackground(created.id)).resolves.toEqual({ status: 'already-checked', candidates: 0 });

    await expect(background.count(`initiative_duplicate_checks WHERE initiative_id = '${created.id}'`)).resolves.toBe(
      1,
    );
    expect(await duplicateItems(created.id)).toHaveLength(1);
  });

  it('nothing similar: kept as an empty result, and the owner is not disturbed', async () => {
    const created = await createInitiative(
      background,
      owner,
      initiativeBody(portfolioId, {
        title: `Payroll ledger ${randomBytes(5).toString('hex')}`,
        problem: 'Monthly salary reconciliation keeps accountants busy for three days',
      }),
    );
    const check = await eventually(
      () => stored(created.id),
      (c) => c.status === 'complete',
    );
    expect(check.candidates).toEqual([]);
    expect(await duplicateItems(created.id)).toEqual([]);
  });

  it('the sweep queues the check of a recent initiative that has none (its job lost); an old one stays unchecked', async () => {
    const ds = background.dataSource;
    const lost = await newInitiative(ds, {
      ownerId: owner.id,
      portfolioId,
      title: `Drone battery swap lockers ${word}`,
    });
    const old = await newInitiative(ds, { ownerId: owner.id, portfolioId, title: `Drone battery swap vans ${word}` });
    await ds.query(`UPDATE initiatives SET created_at = now() - interval '1 hour' WHERE id = $1`, [lost]);
    await ds.query(`UPDATE initiatives SET created_at = now() - interval '30 days' WHERE id = $1`, [old]);
    await expect(stored(lost)).resolves.toMatchObject({ status: 'pending', checkedAt: null, candidates: [] });

    await expect(background.app.get(DuplicateChecks).sweep()).resolves.toEqual({ requeued: 1 });
    const check = await eventually(
      () => stored(lost),
      (c) => c.status === 'complete',
    );
    expect(check.candidates.map((c) => c.id)).toContain(original.id);
    await expect(stored(old)).resolves.toMatchObject({ status: 'unchecked', candidates: [] });
    await expect(background.app.get(DuplicateChecks).sweep()).resolves.toEqual({ requeued: 0 });
  });

  it('bad input and strangers get nothing', async () => {
    const notUuid = await background.request({ url: '/api/initiatives/not-a-uuid/duplicates', token: reader.token });
    expect(notUuid.status).toBe(422);
    expect(notUuid.headers['content-type']).toContain('application/problem+json');
    const missing = await background.request({
      url: `/api/initiatives/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/duplicates`,
      token: reader.token,
    });
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PORTFOLIO.INITIATIVE_NOT_FOUND' });
    const anonymous = await background.request({ url: `/api/initiatives/${original.id}/duplicates` });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).not.toContain(original.title);
  });
});
