import { canonicalJson } from '@ambidex/platform';
import { initiativeDeliverables, InitiativeDetails, stageHistory, StageEventView } from '@ambidex/portfolio';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EvaluatedCriterion } from './domain/gate-decision';

/** Everything the gatekeepers will see, gathered in the job's transaction so it is one consistent picture. */
export async function gatherEvidence(
  em: EntityManager,
  initiative: InitiativeDetails,
  gate: string,
  evaluated: EvaluatedCriterion[],
): Promise<{ content: Record<string, unknown>; hash: string }> {
  // One after another: these share the transaction's single connection.
  const fetch = (sql: string): Promise<unknown[]> => em.query(sql, [initiative.id]) as Promise<unknown[]>;
  const deliverables = await initiativeDeliverables(em, initiative.id);
  const history = (await stageHistory(em, initiative.id)).map(historyEntry);
  const reviews = await fetch(
    `SELECT id, gate, status, decision, decision_reason, decided_at, outcome FROM gate_reviews
      WHERE initiative_id = $1 AND status IN ('decided', 'not_ready') ORDER BY requested_at`,
  );
  const conditions = await fetch(
    `SELECT text, due_at, met_at, met_note FROM gate_conditions WHERE initiative_id = $1 ORDER BY due_at NULLS LAST`,
  );
  const assumptions = await fetch(
    `SELECT id, statement, risk_kind, importance, status FROM assumptions WHERE initiative_id = $1 ORDER BY importance DESC, id`,
  );
  const experiments = await fetch(
    `SELECT e.id, e.hypothesis, e.method, e.metric, e.comparison, e.threshold, e.minimum_sample, e.status, e.started_at,
            r.value, r.sample_size, r.result, r.observed_at,
            coalesce((SELECT array_agg(ea.assumption_id ORDER BY ea.assumption_id) FROM experiment_assumptions ea WHERE ea.experiment_id = e.id), '{}') AS assumption_ids
       FROM experiments e LEFT JOIN experiment_results r ON r.experiment_id = e.id
      WHERE e.initiative_id = $1 ORDER BY e.created_at, e.id`,
  );
  const learnings = await fetch(
    `SELECT l.id, l.experiment_id, l.observed, l.belief, l.decision, l.confidence, l.evidence, l.supersedes_id, l.created_at
       FROM learnings l WHERE l.initiative_id = $1 AND NOT EXISTS (SELECT 1 FROM learnings c WHERE c.supersedes_id = l.id)
      ORDER BY l.created_at, l.id`,
  );
  const content = JSON.parse(
    JSON.stringify({
      gate,
      initiative: {
        id: initiative.id,
        title: initiative.title,
        problem: initiative.problem,
        valueHypothesis: initiative.valueHypothesis,
        horizon: initiative.horizon,
        ambition: initiative.ambition,
        innovationType: initiative.innovationType,
        strategicObjective: initiative.strategicObjective,
        source: initiative.source,
        stage: initiative.stage,
        ownerId: initiative.ownerId,
      },
      financials: {
        npv: initiative.npv,
        probabilityCommercial: initiative.probabilityCommercial,
        probabilityTechnical: initiative.probabilityTechnical,
        commercializationCost: initiative.commercializationCost,
        remainingDevelopmentCost: initiative.remainingDevelopmentCost,
        costToDate: initiative.costToDate,
      },
      evaluated,
      deliverables,
      history,
      earlierReviews: reviews,
      conditions,
      assumptions,
      experiments,
      learnings,
    }),
  ) as Record<string, unknown>;
  return { content, hash: createHash('sha256').update(canonicalJson(content)).digest('hex') };
}

/** A stage event as the snapshot has always held it: these fields, in this order, under their column names. */
function historyEntry(e: StageEventView): Record<string, unknown> {
  return {
    seq: e.seq,
    kind: e.kind,
    from_stage: e.fromStage,
    to_stage: e.toStage,
    to_status: e.toStatus,
    gate: e.gate,
    decision: e.decision,
    actor_label: e.actorLabel,
    reason: e.reason,
    occurred_at: e.occurredAt,
  };
}
