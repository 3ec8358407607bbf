import {
  AssumptionStatus,
  Comparison,
  ExperimentResult,
  ExperimentStatus,
  RiskKind,
} from '../domain/experiment-result';
import { Confidence, EvidenceLink, LearningDecision } from '../domain/learning';

/** A decimal exactly as PostgreSQL writes it (a numeric keeps the scale it was given: "0.30"), never rounded. */
export type DecimalText = string;

export interface AssumptionEvidence {
  id: string;
  initiativeId: string;
  statement: string;
  riskKind: RiskKind;
  /** 1 (nice to know) to 5 (the initiative dies if it is wrong). */
  importance: number;
  status: AssumptionStatus;
}

export interface ResultEvidence {
  value: DecimalText;
  sampleSize: number;
  result: ExperimentResult;
  observedAt: Date;
}

export interface ExperimentEvidence {
  id: string;
  initiativeId: string;
  hypothesis: string;
  method: string;
  metric: string;
  comparison: Comparison;
  threshold: DecimalText;
  minimumSample: number;
  status: ExperimentStatus;
  startedAt: Date | null;
  createdAt: Date;
  /** The assumptions the experiment tests, in id order. */
  assumptionIds: string[];
  /** Null until the experiment's result is recorded. */
  result: ResultEvidence | null;
}

export interface LearningEvidence {
  id: string;
  initiativeId: string;
  experimentId: string | null;
  observed: string;
  belief: string;
  decision: LearningDecision;
  confidence: Confidence;
  evidence: EvidenceLink[];
  supersedesId: string | null;
  createdAt: Date;
}

/** What an initiative has learnt so far: its assumptions, experiments with their results, and current learnings. */
export interface InitiativeEvidence {
  assumptions: AssumptionEvidence[];
  experiments: ExperimentEvidence[];
  learnings: LearningEvidence[];
}
