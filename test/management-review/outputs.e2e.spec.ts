import { InsightsRefresh } from '@ambidex/insights';
import { ManagementReviewSweeper } from '@ambidex/management-review';
import { eventually, newInitiative, newPortfolio } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';
import { DAY, PERIOD, ReviewDriver, ReviewView, section } from './support';

interface Overview {
  refreshedAt: string;
  funnel: unknown;
  gates: unknown;
  cycleTimes: unknown;
  balance: unknown;
  learning: unknown;
  handover: unknown;
}

interface PortfolioFigures {
  portfolio: { id: string };
  refreshedAt: string;
  funnel: unknown;
  gates: unknown;
  cycleTimes: unknown;
  balance: unknown;
  learning: unknown;
}

/**
 * What the pack says and what the review raises: the portfolio figures equal the dashboard endpoints' for the same
 * period and filters; an opportunity becomes an initiative whose origin is the review; overdue actions escalate.
 */
describe('management review pack and outputs (real PostgreSQL + Redis)', () => {
  let app: TestApp;
  let mr: ReviewDriver;
  let leader: TestUser;
  let lead: TestUser;
  let gatekeeper: TestUser;
  let portfolio: string;
  let other: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    mr = new ReviewDriver(app);
    leader = await app.newUser(['leadership'], 'leader');
    lead = await app.newUser(['innovation_lead'], 'lead');
    gatekeeper = await app.newUser(['gatekeeper'], 'gatekeeper');
    portfolio = await newPortfolio(app.dataSource, leader.id, 'Kiosks');
    other = await newPortfolio(app.dataSource, leader.id, 'Payments');
    for (const [stage, status, where] of [
      ['explore', 'active', portfolio],
      ['explore', 'killed', portfolio],
      ['experiment', 'active', portfolio],
      ['develop', 'active', portfolio],
      ['experiment', 'on_hold', other],
      ['explore', 'active', other],
    ] as const)
      await newInitiative(app.dataSource, { ownerId: lead.id, portfolioId: where, stage, status });
    for (const id of [portfolio, other]) await app.app.get(InsightsRefresh).refresh(id);
  }, 90_000);

  afterAll(async () => {
    await app?.close();
  });

  const dashboard = async (id: string, query: string): Promise<Overview> => {
    const response = await app.request({
      url: `/api/insights/portfolios/${id}/overview?${query}`,
      token: leader.token,
    });
    expect(response.status).toBe(200);
    return response.json<Overview>();
  };

  const expectSameFigures = (pack: PortfolioFigures, http: Overview): void => {
    expect(pack.refreshedAt).toBe(http.refreshedAt);
    for (const key of ['funnel', 'gates', 'cycleTimes', 'balance', 'learning'] as const)
      expect({ [key]: pack[key] }).toEqual({ [key]: http[key] });
  };

  it('the pack’s portfolio figures equal the dashboard endpoints’ for the same period and filters', async () => {
    const scoped = await mr.packed(
      leader,
      (await mr.schedule(leader, { portfolioId: portfolio, ambition: 'adjacent', horizon: 'H2' })).id,
    );
    const figures = section(scoped, 'portfolio-performance').figures as { portfolios: PortfolioFigures[] };
    expect(figures.portfolios.map((p) => p.portfolio.id)).toEqual([portfolio]);
    const http = await dashboard(portfolio, `from=${PERIOD.from}&to=${PERIOD.to}&ambition=adjacent&horizon=H2`);
    expect(JSON.stringify(http.funnel)).not.toBe('[]');
    const [figuresOfPortfolio] = figures.portfolios;
    if (figuresOfPortfolio === undefined) throw new Error('no portfolio figures');
    expectSameFigures(figuresOfPortfolio, http);
    const handover = section(scoped, 'handover-results').figures as { portfolios: { handover: unknown }[] };
    expect(handover.portfolios[0]?.handover).toEqual(http.handover);

    // No scope: every portfolio, each equal to its own dashboard.
    const all = await mr.packed(leader, (await mr.schedule(leader)).id);
    const every = (section(all, 'portfolio-performance').figures as { portfolios: PortfolioFigures[] }).portfolios;
    expect(every.map((p) => p.portfolio.id).sort()).toEqual([portfolio, other].sort());
    for (const figuresOf of every)
      expectSameFigures(figuresOf, await dashboard(figuresOf.portfolio.id, `from=${PERIOD.from}&to=${PERIOD.to}`));
  }, 90_000);

  it('an opportunity raises an initiative in explore whose origin is the review; none once signed', async () => {
    const review = await mr.schedule(leader, { portfolioId: portfolio });
    const raised = await mr.post(`/api/management-reviews/${review.id}/opportunities`, leader, {
      portfolioId: portfolio,
      title: 'Self check-in for returning customers',
      problem: 'Returning customers queue behind first-time sign-ups',
      ownerId: lead.id,
    });
    expect(raised.status).toBe(201);
    const [opportunity] = raised.json<ReviewView>().opportunities;
    expect(opportunity?.title).toBe('Self check-in for returning customers');
    const initiative = await app.request({ url: `/api/initiatives/${opportunity?.initiativeId}`, token: lead.token });
    expect(initiative.json()).toMatchObject({
      stage: 'explore',
      portfolioId: portfolio,
      origin: { type: 'management_review', id: review.id, label: review.number },
    });

    const noLead = await mr.post(`/api/management-reviews/${review.id}/opportunities`, leader, {
      portfolioId: portfolio,
      title: 'Owned by nobody',
      problem: 'The leader is not an innovation lead',
    });
    expect(noLead.status).toBe(422);

    await mr.packed(leader, review.id);
    expect((await mr.sign(leader, review.id)).status).toBe(200);
    const late = await mr.post(`/api/management-reviews/${review.id}/opportunities`, leader, {
      portfolioId: portfolio,
      title: 'Too late for this review',
      problem: 'Signed already',
      ownerId: lead.id,
    });
    expect(late.json()).toMatchObject({ status: 409, code: 'MANAGEMENT_REVIEW.STATE' });
    expect((await mr.get(leader, review.id)).opportunities).toHaveLength(1);
  }, 90_000);

  it('an overdue action escalates to its owner, then to leadership, once each; a done one does not', async () => {
    const review = await mr.schedule(leader);
    const add = async (text: string): Promise<string> => {
      const response = await mr.post(`/api/management-reviews/${review.id}/actions`, leader, {
        text,
        ownerId: gatekeeper.id,
        dueAt: new Date(Date.now() - 5 * DAY).toISOString(),
      });
      expect(response.status).toBe(201);
      return response.json<ReviewView>().actions.at(-1)?.id ?? '';
    };
    const overdue = await add('Publish the kiosk consent procedure');
    const views = await mr.get(leader, review.id);
    expect(views.actions.find((a) => a.id === overdue)?.overdue).toBe(true);
    const inbox = async (kind: string, userId: string, subjectId = overdue): Promise<number> =>
      (
        (await app.dataSource.query(
          `SELECT count(*)::int AS n FROM inbox_items WHERE subject_id = $1 AND kind = $2 AND user_id = $3`,
          [subjectId, kind, userId],
        )) as { n: number }[]
      )[0]?.n ?? 0;

    const sweeper = app.app.get(ManagementReviewSweeper);
    await sweeper.escalateOverdue();
    await sweeper.escalateOverdue();
    await sweeper.escalateOverdue();
    expect(await inbox('management_review_action_overdue', gatekeeper.id)).toBe(1);
    // Leadership is sent to the review, where the action shows among the others.
    expect(await inbox('management_review_action_escalated', leader.id, review.id)).toBe(1);

    // Done: its inbox items close and the sweep leaves it alone.
    const done = await mr.post(`/api/management-review-actions/${overdue}/done`, gatekeeper, { note: 'Published' });
    expect(done.status).toBe(200);
    const open = await eventually(
      async () =>
        (
          (await app.dataSource.query(
            `SELECT count(*)::int AS n FROM inbox_items WHERE subject_id = $1 AND user_id = $2 AND done_at IS NULL`,
            [overdue, gatekeeper.id],
          )) as { n: number }[]
        )[0]?.n ?? 0,
      (n) => n === 0,
    );
    expect(open).toBe(0);
    await expect(sweeper.escalateOverdue()).resolves.toBe(0);
    const again = await mr.post(`/api/management-review-actions/${overdue}/done`, gatekeeper, { note: 'Twice' });
    expect(again.json()).toMatchObject({ status: 409 });
  }, 60_000);
});
