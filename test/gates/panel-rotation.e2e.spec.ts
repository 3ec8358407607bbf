import { PrepareGateReview } from '@ambidex/gates';
import { newInitiative } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';
import { requestReview } from './support';

const REVIEWS = 6;

/**
 * Gatekeeper and chair assignment over a run of G1 reviews (two scorers each) that close before the next opens,
 * as they did in the demo: with every open load at zero, ties used to go to the lowest user id every time.
 */
describe('review panels spread the load', () => {
  let app: TestApp;
  let owner: TestUser;
  let gatekeepers: TestUser[];
  let leader: TestUser;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    owner = await app.newUser(['innovation_lead', 'gatekeeper'], 'owner');
    gatekeepers = [
      await app.newUser(['gatekeeper'], 'gk1'),
      await app.newUser(['gatekeeper'], 'gk2'),
      await app.newUser(['gatekeeper'], 'gk3'),
    ];
    // The only leadership user also holds the gatekeeper role.
    leader = await app.newUser(['leadership', 'gatekeeper'], 'lead');
  });
  afterAll(() => app?.close());

  it(`over ${REVIEWS} reviews every gatekeeper scores an even share, and the chair never scores while others can`, async () => {
    const scored = new Map<string, number>();
    for (let round = 0; round < REVIEWS; round += 1) {
      const initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id, deliverablesDone: true });
      const reviewId = await requestReview(app, owner, initiativeId);
      expect(await app.app.get(PrepareGateReview).run(reviewId)).toBe('opened');
      const [review] = (await app.dataSource.query(`SELECT chair_id FROM gate_reviews WHERE id = $1`, [reviewId])) as {
        chair_id: string;
      }[];
      const panel = (await app.dataSource.query(
        `SELECT gatekeeper_id FROM gate_review_assignments WHERE review_id = $1`,
        [reviewId],
      )) as {
        gatekeeper_id: string;
      }[];
      expect(review?.chair_id).toBe(leader.id);
      expect(panel.map((p) => p.gatekeeper_id)).not.toContain(leader.id);
      expect(panel.map((p) => p.gatekeeper_id)).not.toContain(owner.id);
      for (const { gatekeeper_id: id } of panel) scored.set(id, (scored.get(id) ?? 0) + 1);
      // Closed before the next one opens: no open load is left to tell the gatekeepers apart.
      await app.dataSource.query(`UPDATE gate_reviews SET status = 'cancelled' WHERE id = $1`, [reviewId]);
    }
    expect(gatekeepers.map((g) => scored.get(g.id) ?? 0)).toEqual([4, 4, 4]);
  });
});
