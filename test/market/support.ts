import { MARKET_QUEUE, postLaunchReviewJobId, ProductRegistration } from '@ambidex/market';
import { QueueProducer } from '@ambidex/platform';
import { eventually, newInitiative } from '@ambidex/testing';
import { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { HandoverCast, initiativeThroughG3, preparedAndSubmitted } from '../handover/support';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';

export interface ProductMarket {
  initiativeId: string;
  registered: boolean;
  handedOverAt: string | null;
  values: { month: string; revenue: number; costSavings: number; customers: number; correctedAt: string | null }[];
  figures: {
    forecast: { ecv: number | null; npv: number | null; decision: string } | null;
    realisedToDate: number;
    realisedShareOfEcv: number | null;
  } | null;
  feedback: { id: string; sentiment: string; nonconformityId: string | null; opportunityInitiativeId: string | null }[];
  reviews: { id: string; months: number; dueAt: string; notifiedAt: string | null; verdict: string | null }[];
}

/** Drives the market context through the API of one TestApp. */
export class MarketDriver {
  constructor(readonly app: TestApp) {}

  post = (url: string, user: TestUser | undefined, body: unknown): Promise<TestResponse> =>
    this.app.request({ method: 'POST', url, ...(user === undefined ? {} : { token: user.token }), body });

  get = (url: string, user: TestUser): Promise<TestResponse> => this.app.request({ url, token: user.token });

  product = async (user: TestUser, initiativeId: string): Promise<ProductMarket> => {
    const response = await this.get(`/api/initiatives/${initiativeId}/market`, user);
    if (response.status !== 200) throw new Error(`market: ${response.status} ${response.body}`);
    return response.json<ProductMarket>();
  };

  enter = (user: TestUser, initiativeId: string, body: Record<string, unknown>): Promise<TestResponse> =>
    this.post(`/api/initiatives/${initiativeId}/market/values`, user, body);

  importCsv = (user: TestUser, initiativeId: string, csv: string): Promise<TestResponse> =>
    this.post(`/api/initiatives/${initiativeId}/market/values/import`, user, { csv });

  feedback = (user: TestUser, initiativeId: string, body: Record<string, unknown> = {}): Promise<TestResponse> =>
    this.post(`/api/initiatives/${initiativeId}/market/feedback`, user, {
      channel: 'support',
      sentiment: 'negative',
      text: 'The kiosk froze twice at check-in this week',
      receivedOn: new Date().toISOString().slice(0, 10),
      ...body,
    });

  /** A product registered as its handover event would (the market's own use case), accepted at a given time. */
  registered = async (ownerId: string, acceptedAt: Date, portfolioId?: string): Promise<string> => {
    const initiativeId = await newInitiative(this.app.dataSource, {
      ownerId,
      stage: 'in_operation',
      status: 'handed_over',
      ...(portfolioId === undefined ? {} : { portfolioId }),
    });
    await this.app.app.get(ProductRegistration).handoverAccepted(initiativeId, randomUUID(), acceptedAt);
    return initiativeId;
  };

  /** Makes a review due now in PostgreSQL (as if the months had passed). */
  makeDue = (initiativeId: string, months: number): Promise<unknown> =>
    this.app.dataSource.query(
      `UPDATE market_post_launch_reviews SET due_at = now() - interval '1 second' WHERE initiative_id = $1 AND months = $2`,
      [initiativeId, months],
    );

  /** A review's delayed job, once the outbox relay has queued it. */
  delayedJob = (initiativeId: string, months: number): Promise<Job> =>
    eventually(
      async () =>
        (await this.app.app
          .get(QueueProducer)
          .queue(MARKET_QUEUE)
          .getJob(postLaunchReviewJobId(initiativeId, months))) ?? null,
      (job): job is Job => job !== null,
      15_000,
    ) as Promise<Job>;

  dueInbox = async (initiativeId: string, months: number): Promise<string[]> =>
    (
      (await this.app.dataSource.query(
        `SELECT user_id FROM inbox_items WHERE subject_id = $1 AND kind = $2 ORDER BY user_id`,
        [initiativeId, `market_review_due_${months}m`],
      )) as { user_id: string }[]
    ).map((r) => r.user_id);

  rowCount = async (sql: string, params: unknown[]): Promise<number> =>
    Number(((await this.app.dataSource.query(sql, params)) as { n: string }[])[0]?.n ?? 0);
}

/** An initiative taken through G3 Go and a handover accepted (on a condition, as the checklist may be open). */
export async function handedOverThroughTheApi(app: TestApp, cast: HandoverCast): Promise<string> {
  const { initiativeId, packageId } = await initiativeThroughG3(app, cast);
  await preparedAndSubmitted(app, cast, packageId);
  const decided = await app.request({
    method: 'POST',
    url: `/api/handover-packages/${packageId}/decision`,
    token: cast.quality.token,
    body: {
      password: TEST_PASSWORD,
      verdict: 'accept_with_conditions',
      conditions: [
        {
          text: 'Measure the baselines again',
          ownerId: cast.owner.id,
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      ],
    },
  });
  if (decided.status !== 200) throw new Error(`accept: ${decided.status} ${decided.body}`);
  return initiativeId;
}

export const VALUE_CSV = 'month,revenue,cost_savings,customers\n2026-01,1000,100,10\n2026-02,2000.50,0,12\n';
