import { InsightsInputError } from './domain/insights.errors';
import { HandoverVerdict, INITIATIVES_DEFAULT_LIMIT } from './domain/measures';
import { parsePeriod } from './domain/period';
import { InitiativeFilters, OverviewFilters } from './insights.views';

/** The query parameters as the API received them (enums and ids already validated by the DTOs). */
export interface RawOverviewQuery {
  from?: string;
  to?: string;
  ambition?: string;
  horizon?: string;
  ownerId?: string;
}

export interface RawInitiativesQuery extends RawOverviewQuery {
  stage?: string;
  status?: string;
  gate?: string;
  decision?: string;
  entered?: string;
  left?: string;
  passed?: string;
  handover?: HandoverVerdict;
  limit?: number;
}

/** Validates the period (422 INSIGHTS.INVALID_INPUT naming from/to) and drops absent filters. */
export function overviewFilters(raw: RawOverviewQuery): OverviewFilters {
  const parsed = parsePeriod(raw.from, raw.to);
  if (!parsed.ok) throw new InsightsInputError(parsed.problems);
  return {
    period: parsed.period,
    ...(raw.ambition === undefined ? {} : { ambition: raw.ambition }),
    ...(raw.horizon === undefined ? {} : { horizon: raw.horizon }),
    ...(raw.ownerId === undefined ? {} : { ownerId: raw.ownerId }),
  };
}

export function initiativeFilters(raw: RawInitiativesQuery): InitiativeFilters {
  return {
    ...overviewFilters(raw),
    ...(raw.stage === undefined ? {} : { stage: raw.stage }),
    ...(raw.status === undefined ? {} : { status: raw.status }),
    ...(raw.gate === undefined ? {} : { gate: raw.gate }),
    ...(raw.decision === undefined ? {} : { decision: raw.decision }),
    ...(raw.entered === undefined ? {} : { entered: raw.entered }),
    ...(raw.left === undefined ? {} : { left: raw.left }),
    ...(raw.passed === undefined ? {} : { passed: raw.passed }),
    ...(raw.handover === undefined ? {} : { handover: raw.handover }),
    limit: raw.limit ?? INITIATIVES_DEFAULT_LIMIT,
  };
}
