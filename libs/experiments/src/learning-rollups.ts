import { Outbox } from '@ambidex/platform';
import { initiativeSummaries, InitiativeSummary } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LEARNING_ROLLUPS_CHANGED_EVENT } from './experiment-events';

/** Past this many initiatives of one portfolio, the event names only the portfolio: its full refresh is cheaper. */
const NAMED_AT_MOST = 1000;

/**
 * Recomputes the roll-up of each initiative from its rows, so a replay or a retry converges on the same figures:
 * counts of assumptions by status, learnings, experiment cost, learning velocity (resolved per 30 days since the
 * initiative was created) and cost per learning.
 */
@Injectable()
export class LearningRollups {
  constructor(private readonly outbox: Outbox) {}

  async refresh(em: EntityManager, initiativeIds: readonly string[]): Promise<void> {
    if (initiativeIds.length === 0) return;
    // By id, the order the callers took the initiatives' locks in, for the roll-up rows too.
    const initiatives = [...(await initiativeSummaries(em, initiativeIds)).values()].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    await upsertRollups(em, initiatives);
    const byPortfolio = new Map<string, string[]>();
    for (const { id, portfolioId } of initiatives) {
      const ids = byPortfolio.get(portfolioId) ?? [];
      ids.push(id);
      byPortfolio.set(portfolioId, ids);
    }
    for (const [portfolioId, ids] of [...byPortfolio].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await this.outbox.record(em, {
        type: LEARNING_ROLLUPS_CHANGED_EVENT,
        aggregateType: 'portfolio',
        aggregateId: portfolioId,
        payload: ids.length <= NAMED_AT_MOST ? { portfolioId, initiativeIds: ids } : { portfolioId },
      });
    }
  }
}

async function upsertRollups(em: EntityManager, initiatives: readonly InitiativeSummary[]): Promise<void> {
  await em.query(
    `INSERT INTO initiative_learning_rollups AS r
       (initiative_id, assumptions, validated, invalidated, inconclusive, learnings, experiment_cost, learning_velocity, cost_per_learning, updated_at)
     SELECT i.id, a.total, a.validated, a.invalidated, a.inconclusive, l.learnings, c.cost,
            round((a.validated + a.invalidated) / (greatest(extract(epoch FROM now() - i.created_at) / 86400, 1) / 30)::numeric, 2),
            CASE WHEN l.learnings = 0 THEN NULL ELSE round(c.cost / l.learnings, 2) END,
            now()
       FROM unnest($1::uuid[], $2::timestamptz[]) AS i(id, created_at)
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS total,
                count(*) FILTER (WHERE status = 'validated')::int AS validated,
                count(*) FILTER (WHERE status = 'invalidated')::int AS invalidated,
                count(*) FILTER (WHERE status = 'inconclusive')::int AS inconclusive
           FROM assumptions WHERE initiative_id = i.id) a
       CROSS JOIN LATERAL (SELECT count(*)::int AS learnings FROM learnings WHERE initiative_id = i.id) l
       CROSS JOIN LATERAL (
         SELECT coalesce(sum(coalesce(res.cost, e.budget, 0)), 0) AS cost
           FROM experiments e LEFT JOIN experiment_results res ON res.experiment_id = e.id
          WHERE e.initiative_id = i.id AND e.status = 'completed') c
     ON CONFLICT (initiative_id) DO UPDATE SET
       assumptions = EXCLUDED.assumptions, validated = EXCLUDED.validated, invalidated = EXCLUDED.invalidated,
       inconclusive = EXCLUDED.inconclusive, learnings = EXCLUDED.learnings, experiment_cost = EXCLUDED.experiment_cost,
       learning_velocity = EXCLUDED.learning_velocity, cost_per_learning = EXCLUDED.cost_per_learning, updated_at = now()`,
    [initiatives.map((i) => i.id), initiatives.map((i) => i.createdAt)],
  );
}
