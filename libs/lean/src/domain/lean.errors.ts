import { DomainError, FieldProblem } from '@ambidex/platform/errors';

export class ValueStreamNotFoundError extends DomainError {
  constructor(id: string) {
    super('LEAN.VALUE_STREAM_NOT_FOUND', 'not_found', `Value stream ${id} was not found`);
  }
}

export class ImprovementNotFoundError extends DomainError {
  constructor(id: string) {
    super('LEAN.IMPROVEMENT_NOT_FOUND', 'not_found', `Improvement event ${id} was not found`);
  }
}

export class ImprovementActionNotFoundError extends DomainError {
  constructor(id: string) {
    super('LEAN.ACTION_NOT_FOUND', 'not_found', `Improvement action ${id} was not found`);
  }
}

export class LeanStateError extends DomainError {
  constructor(message: string) {
    super('LEAN.STATE', 'conflict', message);
  }
}

export class InvalidLeanInputError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('LEAN.INVALID', 'invalid', fields[0]?.reason ?? 'invalid input', fields);
  }
}

export class NotProcessOwnerError extends DomainError {
  constructor() {
    super('LEAN.NOT_PROCESS_OWNER', 'forbidden', 'Only the process owner or a quality head does this');
  }
}

export class NotActionOwnerError extends DomainError {
  constructor() {
    super(
      'LEAN.NOT_ACTION_OWNER',
      'forbidden',
      'Only the owner of an improvement action (or a quality head) marks it done',
    );
  }
}
