import { DomainError, FieldProblem } from '@ambidex/platform/errors';

export class NotOnTeamError extends DomainError {
  constructor() {
    super(
      'EXPERIMENTS.NOT_ON_TEAM',
      'forbidden',
      "Only the initiative's owner, its team members or an admin may write its experiments and learnings",
    );
  }
}

export class ThresholdFrozenError extends DomainError {
  constructor() {
    super(
      'EXPERIMENTS.THRESHOLD_FROZEN',
      'conflict',
      'The experiment has started: its hypothesis, metric and success threshold can no longer change',
      [{ field: 'threshold', reason: 'frozen once the experiment starts' }],
    );
  }
}

export class ExperimentStateError extends DomainError {
  constructor(message: string) {
    super('EXPERIMENTS.WRONG_STATE', 'conflict', message);
  }
}

export class UnknownAssumptionsError extends DomainError {
  constructor(ids: string[]) {
    super('EXPERIMENTS.UNKNOWN_ASSUMPTIONS', 'invalid', 'Some assumptions are not assumptions of this initiative', [
      { field: 'assumptionIds', reason: `unknown here: ${ids.join(', ')}` },
    ]);
  }
}

export class LearningAlreadyCorrectedError extends DomainError {
  constructor() {
    super(
      'EXPERIMENTS.ALREADY_CORRECTED',
      'conflict',
      'That learning was already corrected: correct the latest correction instead',
      [{ field: 'supersedes', reason: 'already superseded' }],
    );
  }
}

export class InvalidBatchError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('EXPERIMENTS.INVALID_BATCH', 'invalid', fields[0]?.reason ?? 'The batch is not valid', fields);
  }
}

export class EntryRejectedError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('EXPERIMENTS.INVALID_ENTRY', 'invalid', `The entry has ${fields.length} problem(s)`, fields);
  }
}

/** The caller already used this key on this initiative (or experiment) for a different entry: a replay must be identical. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(
      'EXPERIMENTS.IDEMPOTENCY_KEY_REUSED',
      'invalid',
      'This idempotency key was already used for a different entry; use a new key for a new entry',
      [{ field: 'idempotencyKey', reason: 'already used with a different body' }],
    );
  }
}
