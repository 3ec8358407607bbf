import { DomainError, FieldProblem } from '@ambidex/platform';

export class IllegalTransitionError extends DomainError {
  constructor(reason: string) {
    super('PORTFOLIO.ILLEGAL_TRANSITION', 'conflict', reason);
  }
}

export class InitiativeChangedError extends DomainError {
  constructor() {
    super('PORTFOLIO.INITIATIVE_CHANGED', 'conflict', 'The initiative changed meanwhile; reload and try again');
  }
}

export class InvalidProcessModelError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('PORTFOLIO.INVALID_PROCESS_MODEL', 'invalid', `The process model has ${fields.length} problem(s)`, fields);
  }
}

export class NotOwnerError extends DomainError {
  constructor(what = 'this initiative') {
    super('PORTFOLIO.NOT_OWNER', 'forbidden', `Only the owner of ${what} or an admin may do this`);
  }
}
