import { TestApp, TestUser } from '../support/test-app';
import { createInitiative, createPortfolio, ensureDefaultModel, initiativeBody } from './support';

interface Page {
  items: {
    id: string;
    title: string;
    stage: string;
    status: string;
    ownerId: string;
    horizon: string;
    ambition: string;
    portfolioId: string;
  }[];
  nextCursor: string | null;
}

const ORDER_BY: Record<string, string> = { createdAt: 'created_at', updatedAt: 'updated_at', title: 'title' };

/** Filters, whitelisted sorts and keyset cursor pages: every row exactly once, in order, whatever the ties. */
describe('initiative listing', () => {
  let app: TestApp;
  let lead: TestUser;
  let otherLead: TestUser;
  let reader: TestUser;
  let portfolioId: string;
  let otherPortfolioId: string;
  const word = `kx${Math.random().toString(36).slice(2, 7)}`;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    await ensureDefaultModel(app);
    [lead, otherLead, reader] = [
      await app.newUser(['innovation_lead']),
      await app.newUser(['innovation_lead']),
      await app.newUser(['gatekeeper']),
    ];
    const leadership = await app.newUser(['leadership']);
    portfolioId = await createPortfolio(app, leadership);
    otherPortfolioId = await createPortfolio(app, leadership);
    const horizons = ['H1', 'H2', 'H3'];
    const ambitions = ['core', 'adjacent', 'transformational'];
    for (let i = 0; i < 23; i++) {
      await createInitiative(
        app,
        i % 3 === 0 ? otherLead : lead,
        initiativeBody(portfolioId, {
          // Four share one title, so title pages must break ties by id.
          title:
            i < 4
              ? 'Same title'
              : `${String.fromCharCode(65 + (i % 26))} initiative ${i}${i % 5 === 0 ? ` ${word}` : ''}`,
          problem: i % 7 === 0 ? `Customers ask for ${word} daily` : `Problem number ${i}`,
          horizon: horizons[i % 3],
          ambition: ambitions[Math.floor(i / 3) % 3],
        }),
      );
    }
    await createInitiative(app, lead, initiativeBody(otherPortfolioId));
    // Ties on the timestamps too: six rows created and updated at the very same microsecond.
    await app.dataSource.query(
      `UPDATE initiatives SET created_at = '2026-01-01T00:00:00.123456Z', updated_at = '2026-01-02T00:00:00.654321Z'
        WHERE id IN (SELECT id FROM initiatives WHERE portfolio_id = $1 ORDER BY title DESC LIMIT 6)`,
      [portfolioId],
    );
    // Stages move only through gate decisions; this fixture sets them directly: 8 in experiment, 3 of them on hold.
    const some = (n: number): string =>
      `id IN (SELECT id FROM initiatives WHERE portfolio_id = $1 ORDER BY id LIMIT ${n})`;
    await app.dataSource.query(`UPDATE initiatives SET stage = 'experiment' WHERE ${some(8)}`, [portfolioId]);
    await app.dataSource.query(`UPDATE initiatives SET status = 'on_hold' WHERE ${some(3)}`, [portfolioId]);
  });
  afterAll(() => app.close());

  async function page(query: string, token = reader.token): Promise<Page> {
    const response = await app.request({ url: `/api/initiatives?${query}`, token });
    if (response.status !== 200) throw new Error(`${query}: ${response.status} ${response.body}`);
    return response.json<Page>();
  }

  async function allPages(query: string, limit: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: Page = await page(
        `${query}&limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      expect(result.items.length).toBeLessThanOrEqual(limit);
      ids.push(...result.items.map((i) => i.id));
      cursor = result.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 50);
    return { ids, pages };
  }

  it.each([
    ['createdAt', 'asc'],
    ['createdAt', 'desc'],
    ['updatedAt', 'asc'],
    ['updatedAt', 'desc'],
    ['title', 'asc'],
    ['title', 'desc'],
  ])('pages by %s %s: no row twice, none missing, in order', async (sort, order) => {
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const expected = (
      (await app.dataSource.query(
        `SELECT id FROM initiatives WHERE portfolio_id = $1 ORDER BY ${ORDER_BY[sort]} ${direction}, id ${direction}`,
        [portfolioId],
      )) as { id: string }[]
    ).map((r) => r.id);
    expect(expected).toHaveLength(23);
    for (const limit of [1, 5, 23, 100]) {
      const { ids, pages } = await allPages(`portfolioId=${portfolioId}&sort=${sort}&order=${order}`, limit);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(23 / limit)));
    }
  });

  it('defaults to newest first, 25 a page', async () => {
    const first = await page(`portfolioId=${portfolioId}`);
    expect(first.items).toHaveLength(23);
    expect(first.nextCursor).toBeNull();
    const created = first.items.map((i) => (i as unknown as { createdAt: string }).createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it.each([
    ['stage=experiment', (i: Page['items'][number]) => i.stage === 'experiment'],
    ['status=on_hold', (i: Page['items'][number]) => i.status === 'on_hold'],
    ['stage=experiment&status=active', (i: Page['items'][number]) => i.stage === 'experiment' && i.status === 'active'],
    ['horizon=H2', (i: Page['items'][number]) => i.horizon === 'H2'],
    ['ambition=core&horizon=H1', (i: Page['items'][number]) => i.ambition === 'core' && i.horizon === 'H1'],
  ])('filters by %s', async (filter, matches) => {
    const all = await page(`portfolioId=${portfolioId}&limit=100`);
    const filtered = await page(`portfolioId=${portfolioId}&${filter}&limit=100`);
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every(matches)).toBe(true);
    expect(filtered.items.map((i) => i.id).sort()).toEqual(
      all.items
        .filter(matches)
        .map((i) => i.id)
        .sort(),
    );
  });

  it('filters by owner and by portfolio', async () => {
    const mine = await allPages(`ownerId=${otherLead.id}&sort=title&order=asc`, 3);
    expect(mine.ids).toHaveLength(8);
    const other = await page(`portfolioId=${otherPortfolioId}`);
    expect(other.items.map((i) => i.portfolioId)).toEqual([otherPortfolioId]);
  });

  it('searches title and problem for text, case-insensitively, wildcards taken literally', async () => {
    const found = await page(`q=${word.toUpperCase()}&limit=100`);
    const expected = (await app.dataSource.query(
      `SELECT id FROM initiatives WHERE title ILIKE $1 OR problem ILIKE $1`,
      [`%${word}%`],
    )) as { id: string }[];
    expect(found.items.map((i) => i.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(found.items.length).toBeGreaterThanOrEqual(5);
    await expect(page(`q=${encodeURIComponent('%%%')}`)).resolves.toMatchObject({ items: [] });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['sort=priority', 'sort'],
    ['sort=title;DROP TABLE initiatives', 'sort'],
    ['order=sideways', 'order'],
    ['stage=launched', 'stage'],
    ['portfolioId=42', 'portfolioId'],
    ['q=ab', 'q'],
    ['cursor=not-a-cursor', 'cursor'],
    ['colour=blue', 'colour'],
  ])('%s is a 422 naming the field', async (query, field) => {
    const response = await app.request({ url: `/api/initiatives?${query}`, token: reader.token });
    expect(response.status).toBe(422);
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
  });

  it('a cursor only continues the sort it came from', async () => {
    const first = await page(`portfolioId=${portfolioId}&sort=title&order=asc&limit=2`);
    expect(first.nextCursor).not.toBeNull();
    const response = await app.request({
      url: `/api/initiatives?portfolioId=${portfolioId}&sort=createdAt&limit=2&cursor=${first.nextCursor}`,
      token: reader.token,
    });
    expect(response.status).toBe(422);
    expect(response.json()).toMatchObject({ code: 'PORTFOLIO.INVALID_INPUT', errors: [{ field: 'cursor' }] });
  });

  it('needs a signed-in user', async () => {
    await expect(app.request({ url: '/api/initiatives' })).resolves.toMatchObject({ status: 401 });
    await expect(page(`portfolioId=${portfolioId}&limit=1`, lead.token)).resolves.toMatchObject({
      items: [expect.any(Object)],
    });
  });
});
