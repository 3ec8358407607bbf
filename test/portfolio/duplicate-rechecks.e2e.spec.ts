import { QueueProducer } from '@ambidex/platform';
import { DuplicateChecks, PORTFOLIO_QUEUE } from '@ambidex/portfolio';
import { eventually, testConfig } from '@ambidex/testing';
import { randomBytes } from 'node:crypto';
import { TestApp, TestUser } from '../support/test-app';
import { createInitiative, createPortfolio, ensureDefaultModel, initiativeBody } from './support';

interface StoredCheck {
  status: string;
  checkedAt: string | null;
  candidates: { id: string; title: string; similarity: number }[];
}

interface DuplicateText {
  title_norm: string;
  problem_norm: string;
  text_version: number;
}

/**
 * The duplicate search reads a side table of normalised titles and problems that the trigger on initiatives keeps in
 * step; a changed title or problem is checked again, and the stored check then is that of the new text. Two apps on
 * one database: one whose creates and edits wait for the search, one whose never do (DUPLICATE_CHECK_BUDGET_MS=0),
 * with the worker.
 */
describe('duplicate search on the side table, and checks again after an edit (real PostgreSQL and Redis)', () => {
  let background: TestApp;
  let inline: TestApp;
  let owner: TestUser;
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
    portfolioId = await createPortfolio(background, await background.newUser(['leadership']));
    const title = `Cold chain ${word} monitoring for vaccines`;
    const created = await createInitiative(
      inline,
      owner,
      initiativeBody(portfolioId, {
        title,
        problem: `Rural clinics ${word} throw away vaccines when fridges fail overnight`,
      }),
    );
    original = { id: created.id, title };
  });
  afterAll(async () => {
    await inline.close();
    await background.close();
  });

  const stored = async (id: string): Promise<StoredCheck> => {
    const response = await background.request({ url: `/api/initiatives/${id}/duplicates`, token: owner.token });
    expect(response.status).toBe(200);
    return response.json<StoredCheck>();
  };
  const duplicateText = async (id: string): Promise<DuplicateText | undefined> => {
    const [row] = (await background.dataSource.query(
      `SELECT title_norm, problem_norm, text_version FROM initiative_duplicate_texts WHERE initiative_id = $1`,
      [id],
    )) as DuplicateText[];
    return row;
  };
  const edit = async (app: TestApp, id: string, body: Record<string, unknown>): Promise<{ version: number }> => {
    const response = await app.request({ method: 'PATCH', url: `/api/initiatives/${id}`, token: owner.token, body });
    expect(response.status).toBe(200);
    return response.json<{ version: number }>();
  };
  const storedRow = async (id: string): Promise<{ source: string; text_version: number } | undefined> => {
    const [row] = (await background.dataSource.query(
      `SELECT source, text_version FROM initiative_duplicate_checks WHERE initiative_id = $1`,
      [id],
    )) as { source: string; text_version: number }[];
    return row;
  };

  it('keeps the side table in step: normalised text at create, the new text and a new version at an edit of title or problem only', async () => {
    const created = await createInitiative(
      inline,
      owner,
      initiativeBody(portfolioId, { title: `  Kiosk—Payments, ${word}!  `, problem: `Queues   at the\tKIOSK ${word}` }),
    );
    await expect(duplicateText(created.id)).resolves.toEqual({
      title_norm: `kiosk payments ${word}`,
      problem_norm: `queues at the kiosk ${word}`,
      text_version: 1,
    });

    await edit(inline, created.id, { version: 1, npv: 1000 });
    await expect(duplicateText(created.id)).resolves.toMatchObject({ text_version: 1 });

    await edit(inline, created.id, { version: 2, problem: `Long queues at the kiosk ${word}` });
    await expect(duplicateText(created.id)).resolves.toEqual({
      title_norm: `kiosk payments ${word}`,
      problem_norm: `long queues at the kiosk ${word}`,
      text_version: 2,
    });
  });

  it('a title changed outside the use cases (no job) is in the side table too; its check shows as pending until the sweep has it run', async () => {
    const created = await createInitiative(inline, owner, initiativeBody(portfolioId));
    await expect(stored(created.id)).resolves.toMatchObject({ status: 'complete' });
    await background.dataSource.query(`UPDATE initiatives SET title = $2 WHERE id = $1`, [
      created.id,
      `Cold chain ${word} monitoring for vaccine vans`,
    ]);
    await expect(duplicateText(created.id)).resolves.toMatchObject({
      title_norm: `cold chain ${word} monitoring for vaccine vans`,
      text_version: 2,
    });
    await expect(stored(created.id)).resolves.toEqual({ status: 'pending', checkedAt: null, candidates: [] });

    await background.dataSource.query(`UPDATE initiatives SET updated_at = now() - interval '1 hour' WHERE id = $1`, [
      created.id,
    ]);
    await expect(background.app.get(DuplicateChecks).sweep()).resolves.toEqual({ requeued: 1 });
    const check = await eventually(
      () => stored(created.id),
      (c) => c.status === 'complete',
    );
    expect(check.candidates.map((c) => c.id)).toContain(original.id);
    await expect(storedRow(created.id)).resolves.toEqual({ source: 'background', text_version: 2 });
  });

  it('finds an initiative similar only in its problem', async () => {
    const created = await createInitiative(
      inline,
      owner,
      initiativeBody(portfolioId, {
        title: `Tariff ${randomBytes(5).toString('hex')} ledger`,
        problem: `Rural clinics ${word} throw away vaccines when their fridges fail overnight`,
      }),
    );
    expect(created.duplicateCheckComplete).toBe(true);
    const found = created.possibleDuplicates.find((d) => d.id === original.id);
    expect(found?.similarity).toBeGreaterThanOrEqual(0.3);
  });

  it('checks an edited title again: the stored check becomes that of the new text, and a retried check changes nothing', async () => {
    const created = await createInitiative(
      inline,
      owner,
      // A problem of its own: two default problems ('Problem <hex>') are 0.3 similar in about 1 pair of 140.
      initiativeBody(portfolioId, {
        title: `Payroll ${randomBytes(5).toString('hex')} reconciliation`,
        problem: 'Monthly salary reconciliation keeps accountants busy for three days',
      }),
    );
    await expect(stored(created.id)).resolves.toMatchObject({ status: 'complete', candidates: [] });

    await edit(inline, created.id, { version: 1, title: `Cold chain ${word} monitoring for vaccine fridges` });
    const check = await stored(created.id);
    expect(check.status).toBe('complete');
    expect(check.candidates.map((c) => c.id)).toContain(original.id);
    await expect(storedRow(created.id)).resolves.toEqual({ source: 'edit', text_version: 2 });

    await expect(background.app.get(DuplicateChecks).runInBackground(created.id)).resolves.toEqual({
      status: 'already-checked',
      candidates: 0,
    });
    await expect(stored(created.id)).resolves.toEqual(check);
  });

  it('an edit whose check is left to the background: the job for the new text stores it and tells the owner', async () => {
    const created = await createInitiative(
      inline,
      owner,
      initiativeBody(portfolioId, {
        title: `Loyalty ${randomBytes(5).toString('hex')} stamps`,
        problem: 'Paper stamp cards get lost before the tenth coffee',
      }),
    );
    await expect(stored(created.id)).resolves.toMatchObject({ status: 'complete', candidates: [] });

    await edit(background, created.id, { version: 1, title: `Cold chain ${word} monitoring for vaccines, rural` });
    const check = await eventually(
      () => stored(created.id),
      (c) => c.status === 'complete',
    );
    expect(check.candidates.map((c) => c.id)).toContain(original.id);
    await expect(storedRow(created.id)).resolves.toEqual({ source: 'background', text_version: 2 });
    // The check commits before its job is marked completed: wait for the job's own finish.
    const job = await eventually(
      () => background.app.get(QueueProducer).queue(PORTFOLIO_QUEUE).getJob(`duplicates-${created.id}-v2`),
      (j) => j?.finishedOn !== undefined,
    );
    expect(job?.returnvalue).toMatchObject({ status: 'checked' });

    const inbox = await background.request({ url: '/api/me/inbox', token: owner.token });
    const items = inbox
      .json<{ kind: string; subjectId: string }[]>()
      .filter((i) => i.kind === 'possible_duplicates' && i.subjectId === created.id);
    expect(items).toHaveLength(1);
  });
});
