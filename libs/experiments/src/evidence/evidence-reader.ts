import { queryRows } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AssumptionStatus,
  Comparison,
  ExperimentResult,
  ExperimentStatus,
  RiskKind,
} from '../domain/experiment-result';
import { Confidence, EvidenceLink, LearningDecision } from '../domain/learning';
import { currentLearningSql } from './current-learning';
import { AssumptionEvidence, ExperimentEvidence, InitiativeEvidence, LearningEvidence } from './evidence.types';

/**
 * What other contexts may read of an initiative's evidence (gate snapshots, handover packages, traces, change
 * impact), in the caller's transaction: they pass their EntityManager. Lists come in a fixed order, so what is
 * hashed or numbered from them does not change between reads.
 */
@Injectable()
export class EvidenceReader {
  /** Assumptions, current learnings and experiments with their results, read one after another on `em`. */
  async forInitiative(em: EntityManager, initiativeId: string): Promise<InitiativeEvidence> {
    const assumptions = await this.assumptionsOf(em, initiativeId);
    const experiments = await this.experimentsOf(em, initiativeId);
    const learnings = await this.currentLearningsOf(em, initiativeId);
    return { assumptions, experiments, learnings };
  }

  /** Riskiest first (importance descending), then by id. */
  async assumptionsOf(em: EntityManager, initiativeId: string): Promise<AssumptionEvidence[]> {
    return selectAssumptions(em, `initiative_id = $1`, [initiativeId]);
  }

  async assumptionsByIds(em: EntityManager, ids: readonly string[]): Promise<AssumptionEvidence[]> {
    if (ids.length === 0) return [];
    return selectAssumptions(em, `id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  }

  /** In the order they were created. */
  async experimentsOf(em: EntityManager, initiativeId: string): Promise<ExperimentEvidence[]> {
    return selectExperiments(em, `e.initiative_id = $1`, [initiativeId]);
  }

  async experimentsByIds(em: EntityManager, ids: readonly string[]): Promise<ExperimentEvidence[]> {
    if (ids.length === 0) return [];
    return selectExperiments(em, `e.id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  }

  /** The learnings no correction superseded, in the order they were recorded. */
  async currentLearningsOf(em: EntityManager, initiativeId: string): Promise<LearningEvidence[]> {
    return selectLearnings(em, `l.initiative_id = $1 AND ${currentLearningSql('l')}`, [initiativeId]);
  }

  /** These learnings whether corrected or not (a package keeps the ones it was built from). */
  async learningsByIds(em: EntityManager, ids: readonly string[]): Promise<LearningEvidence[]> {
    if (ids.length === 0) return [];
    return selectLearnings(em, `l.id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  }
}

interface AssumptionRow {
  id: string;
  initiative_id: string;
  statement: string;
  risk_kind: RiskKind;
  importance: number;
  status: AssumptionStatus;
}

async function selectAssumptions(em: EntityManager, where: string, params: unknown[]): Promise<AssumptionEvidence[]> {
  const rows = await queryRows<AssumptionRow>(
    em,
    `SELECT id, initiative_id, statement, risk_kind, importance, status FROM assumptions
      WHERE ${where} ORDER BY importance DESC, id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    initiativeId: r.initiative_id,
    statement: r.statement,
    riskKind: r.risk_kind,
    importance: r.importance,
    status: r.status,
  }));
}

interface ExperimentRow {
  id: string;
  initiative_id: string;
  hypothesis: string;
  method: string;
  metric: string;
  comparison: Comparison;
  threshold: string;
  minimum_sample: number;
  status: ExperimentStatus;
  started_at: Date | null;
  created_at: Date;
  assumption_ids: string[];
  // From the LEFT JOIN: all null while no result is recorded.
  value: string | null;
  sample_size: number | null;
  result: ExperimentResult | null;
  observed_at: Date | null;
}

async function selectExperiments(em: EntityManager, where: string, params: unknown[]): Promise<ExperimentEvidence[]> {
  const rows = await queryRows<ExperimentRow>(
    em,
    `SELECT e.id, e.initiative_id, e.hypothesis, e.method, e.metric, e.comparison, e.threshold, e.minimum_sample, e.status,
            e.started_at, e.created_at, r.value, r.sample_size, r.result, r.observed_at,
            coalesce((SELECT array_agg(ea.assumption_id ORDER BY ea.assumption_id) FROM experiment_assumptions ea
                       WHERE ea.experiment_id = e.id), '{}') AS assumption_ids
       FROM experiments e LEFT JOIN experiment_results r ON r.experiment_id = e.id
      WHERE ${where} ORDER BY e.created_at, e.id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    initiativeId: r.initiative_id,
    hypothesis: r.hypothesis,
    method: r.method,
    metric: r.metric,
    comparison: r.comparison,
    threshold: r.threshold,
    minimumSample: r.minimum_sample,
    status: r.status,
    startedAt: r.started_at,
    createdAt: r.created_at,
    assumptionIds: r.assumption_ids,
    result:
      r.result === null || r.value === null || r.sample_size === null || r.observed_at === null
        ? null
        : { value: r.value, sampleSize: r.sample_size, result: r.result, observedAt: r.observed_at },
  }));
}

interface LearningRow {
  id: string;
  initiative_id: string;
  experiment_id: string | null;
  observed: string;
  belief: string;
  decision: LearningDecision;
  confidence: Confidence;
  evidence: EvidenceLink[];
  supersedes_id: string | null;
  created_at: Date;
}

async function selectLearnings(em: EntityManager, where: string, params: unknown[]): Promise<LearningEvidence[]> {
  const rows = await queryRows<LearningRow>(
    em,
    `SELECT l.id, l.initiative_id, l.experiment_id, l.observed, l.belief, l.decision, l.confidence, l.evidence,
            l.supersedes_id, l.created_at
       FROM learnings l WHERE ${where} ORDER BY l.created_at, l.id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    initiativeId: r.initiative_id,
    experimentId: r.experiment_id,
    observed: r.observed,
    belief: r.belief,
    decision: r.decision,
    confidence: r.confidence,
    evidence: r.evidence,
    supersedesId: r.supersedes_id,
    createdAt: r.created_at,
  }));
}
