import { Balance, CycleTimeRow, FunnelRow, GateRow, OperationsFigures } from './domain/metrics';
import { HandoverVerdict } from './domain/measures';
import { DayPeriod } from './domain/period';

/** Filters of the overview and the metric exports (already validated). */
export interface OverviewFilters {
  period: DayPeriod;
  ambition?: string;
  horizon?: string;
  ownerId?: string;
}

/** Filters of the click-through list. */
export interface InitiativeFilters {
  period: DayPeriod;
  stage?: string;
  status?: string;
  gate?: string;
  decision?: string;
  entered?: string;
  left?: string;
  passed?: string;
  handover?: HandoverVerdict;
  ambition?: string;
  horizon?: string;
  ownerId?: string;
  limit: number;
}

export interface PortfolioChoice {
  id: string;
  name: string;
}

export interface EcvRankingRow {
  initiativeId: string;
  title: string;
  ecv: number;
  stage: string;
  status: string;
}

export interface BubbleRow {
  initiativeId: string;
  title: string;
  /** Pcs × Pts. */
  probability: number;
  ecv: number;
  /** D. */
  remainingCost: number;
  ambition: string;
}

export interface ZombieRow {
  initiativeId: string;
  title: string;
  reviewId: string;
  gate: string;
  deadlineAt: string;
}

export interface LearningFigures {
  velocity: number | null;
  costPerLearning: number | null;
}

export interface HandoverFigures {
  decided: number;
  accepted: number;
  acceptanceRate: number | null;
  medianTimeToControlledHours: number | null;
  /** The same in whole seconds: a handover controlled within minutes is not 0. */
  medianTimeToControlledSeconds: number | null;
}

export interface InsightsOverview {
  portfolio: {
    id: string;
    name: string;
    ambitionTargets: Record<string, number>;
    horizonTargets: Record<string, number>;
  };
  refreshedAt: string;
  funnel: FunnelRow[];
  gates: GateRow[];
  cycleTimes: CycleTimeRow[];
  balance: Balance;
  ecvRanking: EcvRankingRow[];
  bubbles: BubbleRow[];
  zombies: ZombieRow[];
  learning: LearningFigures;
  handover: HandoverFigures;
  /** Operations feed innovation (ISO 56001 8.3.2), over the initiatives created in the period. */
  operations: OperationsFigures;
}

export interface InsightInitiativeRow {
  id: string;
  title: string;
  stage: string;
  status: string;
  ambition: string;
  horizon: string;
  ecv: number | null;
}
