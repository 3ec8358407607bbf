import { DomainError, FieldProblem, NotFoundError } from '@ambidex/platform/errors';

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

export class PortfolioNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('PORTFOLIO.PORTFOLIO_NOT_FOUND', `Portfolio ${id}`);
  }
}

export class InitiativeNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('PORTFOLIO.INITIATIVE_NOT_FOUND', `Initiative ${id}`);
  }
}

export class ProcessModelNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('PORTFOLIO.PROCESS_MODEL_NOT_FOUND', `Process model ${id}`);
  }
}

export class DeliverableNotFoundError extends NotFoundError {
  constructor(gate: string, key: string) {
    super('PORTFOLIO.DELIVERABLE_NOT_FOUND', `Deliverable ${gate}/${key}`);
  }
}

export class WebhookSubscriptionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('PORTFOLIO.WEBHOOK_NOT_FOUND', `Webhook subscription ${id}`);
  }
}

export class WebhookDeliveryNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('PORTFOLIO.WEBHOOK_DELIVERY_NOT_FOUND', `Webhook delivery ${id}`);
  }
}

/** An active or retired model never changes; the database trigger refuses it too (SQLSTATE 42501). */
export class ProcessModelFrozenError extends DomainError {
  constructor(detail = 'This process model is no longer a draft: it never changes; make a new version') {
    super('PORTFOLIO.PROCESS_MODEL_FROZEN', 'conflict', detail);
  }
}

export class ProcessModelChangedError extends DomainError {
  constructor() {
    super(
      'PORTFOLIO.PROCESS_MODEL_CHANGED',
      'conflict',
      'The process models of this key changed meanwhile; reload and try again',
    );
  }
}

export class NoActiveProcessModelError extends DomainError {
  constructor(key: string) {
    super(
      'PORTFOLIO.NO_ACTIVE_PROCESS_MODEL',
      'conflict',
      `No process model "${key}" is active; an admin must activate one`,
    );
  }
}

export class PortfolioNameTakenError extends DomainError {
  constructor(name: string) {
    super('PORTFOLIO.NAME_TAKEN', 'conflict', `A portfolio named "${name}" already exists`, [
      { field: 'name', reason: 'already in use' },
    ]);
  }
}

export class PortfolioChangedError extends DomainError {
  constructor() {
    super('PORTFOLIO.PORTFOLIO_CHANGED', 'conflict', 'The portfolio changed meanwhile; reload and try again');
  }
}

export class InvalidTargetsError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super(
      'PORTFOLIO.INVALID_TARGETS',
      'invalid',
      'Balance targets must be shares from 0 to 100 summing to 100',
      fields,
    );
  }
}

/** Input that passed the request's shape checks but names something that does not fit (owner, portfolio, cursor). */
export class PortfolioInputError extends DomainError {
  constructor(field: string, reason: string) {
    super('PORTFOLIO.INVALID_INPUT', 'invalid', `${field}: ${reason}`, [{ field, reason }]);
  }
}

export class OwnerNotAllowedError extends DomainError {
  constructor() {
    super('PORTFOLIO.OWNER_NOT_ALLOWED', 'forbidden', 'Only an admin may make someone else the owner of an initiative');
  }
}

export class InitiativeClosedError extends DomainError {
  constructor(status: string) {
    super('PORTFOLIO.INITIATIVE_CLOSED', 'conflict', `The initiative is ${status}: its record is closed`);
  }
}

export class ReasonRequiredError extends DomainError {
  constructor() {
    super('PORTFOLIO.REASON_REQUIRED', 'invalid', 'A deliverable marked not required needs a reason', [
      { field: 'note', reason: 'a reason is required when status is not_required' },
    ]);
  }
}
