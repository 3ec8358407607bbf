import { DomainError, FieldProblem, NotFoundError } from '@ambidex/platform/errors';

export class InsightsInputError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super('INSIGHTS.INVALID_INPUT', 'invalid', `The request has ${problems.length} invalid field(s)`, problems);
  }
}

export class InsightsPortfolioNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('INSIGHTS.PORTFOLIO_NOT_FOUND', `Portfolio ${id}`);
  }
}

export class UnknownMetricError extends DomainError {
  constructor(metric: string, known: readonly string[]) {
    super('INSIGHTS.UNKNOWN_METRIC', 'invalid', `There is no metric "${metric}"`, [
      { field: 'metric', reason: `metric must be one of ${known.join(', ')}` },
    ]);
  }
}
