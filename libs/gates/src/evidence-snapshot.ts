import { EvidenceReader } from '@ambidex/experiments';
import { canonicalJson } from '@ambidex/platform';
import { initiativeDeliverables, InitiativeDetails, stageHistory, StageEventView } from '@ambidex/portfolio';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EvaluatedCriterion } from './domain/gate-decision';

/**
 * Everything the gatekeepers will see, gathered in the job's transaction so it is one consistent picture. The stored
 * content keeps its snake_case keys: snapshots already taken are hashed over them.
 */
export async function gatherEvidence(
  em: EntityManager,
  evidence: EvidenceReader,
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
  const assumptions = (await evidence.assumptionsOf(em, initiative.id)).map((a) => ({
    id: a.id,
    statement: a.statement,
    risk_kind: a.riskKind,
    importance: a.importance,
    status: a.status,
  }));
  const experiments = (await evidence.experimentsOf(em, initiative.id)).map((e) => ({
    id: e.id,
    hypothesis: e.hypothesis,
    method: e.method,
    metric: e.metric,
    comparison: e.comparison,
    threshold: e.threshold,
    minimum_sample: e.minimumSample,
    status: e.status,
    started_at: e.startedAt,
    value: e.result?.value ?? null,
    sample_size: e.result?.sampleSize ?? null,
    result: e.result?.result ?? null,
    observed_at: e.result?.observedAt ?? null,
    assumption_ids: e.assumptionIds,
  }));
  const learnings = (await evidence.currentLearningsOf(em, initiative.id)).map((l) => ({
    id: l.id,
    experiment_id: l.experimentId,
    observed: l.observed,
    belief: l.belief,
    decision: l.decision,
    confidence: l.confidence,
    evidence: l.evidence,
    supersedes_id: l.supersedesId,
    created_at: l.createdAt,
  }));
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
