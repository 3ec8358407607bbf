import { DomainError, FieldProblem } from '@ambidex/platform/errors';

export class NonconformityNotFoundError extends DomainError {
  constructor(id: string) {
    super('NONCONFORMITY.NOT_FOUND', 'not_found', `Nonconformity ${id} was not found`);
  }
}

export class NonconformityStateError extends DomainError {
  constructor(message: string) {
    super('NONCONFORMITY.STATE', 'conflict', message);
  }
}

export class InvalidNonconformityError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('NONCONFORMITY.INVALID', 'invalid', fields[0]?.reason ?? 'invalid nonconformity', fields);
  }
}

export class CorrectiveActionNotFoundError extends DomainError {
  constructor(id: string) {
    super('NONCONFORMITY.ACTION_NOT_FOUND', 'not_found', `Corrective action ${id} was not found`);
  }
}

export class NotActionOwnerError extends DomainError {
  constructor() {
    super(
      'NONCONFORMITY.NOT_ACTION_OWNER',
      'forbidden',
      'Only the owner of a corrective action (or a quality head) marks it done',
    );
  }
}
