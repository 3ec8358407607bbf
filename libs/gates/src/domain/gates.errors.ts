import { DomainError, FieldProblem } from '@ambidex/platform/errors';

export class NoGateForStageError extends DomainError {
  constructor(stage: string) {
    super('GATES.NO_GATE', 'conflict', `The ${stage} stage is not closed by a gate review`);
  }
}

export class InitiativeNotActiveError extends DomainError {
  constructor(status: string) {
    super('GATES.INITIATIVE_NOT_ACTIVE', 'conflict', `A review cannot be asked for an initiative that is ${status}`);
  }
}

export class ConditionsOpenError extends DomainError {
  constructor(count: number) {
    super(
      'GATES.CONDITIONS_OPEN',
      'conflict',
      `${count} condition(s) of the last Conditional Go must be met before the next gate`,
    );
  }
}

export class ReviewAlreadyOpenError extends DomainError {
  constructor() {
    super('GATES.REVIEW_ALREADY_OPEN', 'conflict', 'This gate already has an open review for this initiative');
  }
}

export class ReviewNotFoundError extends DomainError {
  constructor(id: string) {
    super('GATES.REVIEW_NOT_FOUND', 'not_found', `Gate review ${id} was not found`);
  }
}

export class ReviewNotScoringError extends DomainError {
  constructor(status: string) {
    super(
      'GATES.REVIEW_NOT_SCORING',
      'conflict',
      `The review is ${status}; scorecards are taken only while it is scoring`,
    );
  }
}

export class NotAssignedError extends DomainError {
  constructor() {
    super('GATES.NOT_ASSIGNED', 'forbidden', 'Only the gatekeepers assigned to this review may score it');
  }
}

export class AlreadyScoredError extends DomainError {
  constructor() {
    super('GATES.ALREADY_SCORED', 'conflict', 'You have already submitted your scorecard for this review');
  }
}

export class InvalidScorecardError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('GATES.INVALID_SCORECARD', 'invalid', `The scorecard has ${fields.length} problem(s)`, fields);
  }
}

export class NotChairError extends DomainError {
  constructor() {
    super('GATES.NOT_CHAIR', 'forbidden', 'Only the chair of this gate review may decide it');
  }
}

export class ReviewNotAwaitingDecisionError extends DomainError {
  constructor() {
    super(
      'GATES.REVIEW_NOT_AWAITING_DECISION',
      'conflict',
      'The review is not awaiting a decision (not all scorecards are in, or it was decided already)',
    );
  }
}

export class GateNotPassedError extends DomainError {
  constructor() {
    super(
      'GATES.GATE_NOT_PASSED',
      'conflict',
      'The gate did not pass (a must-meet failed or the score is below the pass mark): Go is not possible',
    );
  }
}

export class InvalidDecisionError extends DomainError {
  constructor(field: string, reason: string) {
    super('GATES.INVALID_DECISION', 'invalid', reason, [{ field, reason }]);
  }
}

export class ConditionNotFoundError extends DomainError {
  constructor(id: string) {
    super('GATES.CONDITION_NOT_FOUND', 'not_found', `Condition ${id} was not found`);
  }
}
