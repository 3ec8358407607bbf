import { DomainError, FieldProblem } from '@ambidex/platform/errors';

export class AuditNotFoundError extends DomainError {
  constructor(id: string) {
    super('AUDIT.NOT_FOUND', 'not_found', `Internal audit ${id} was not found`);
  }
}

export class AuditStateError extends DomainError {
  constructor(message: string) {
    super('AUDIT.STATE', 'conflict', message);
  }
}

export class InvalidAuditError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('AUDIT.INVALID', 'invalid', fields[0]?.reason ?? 'invalid audit', fields);
  }
}

export class NotTheAuditorError extends DomainError {
  constructor() {
    super('AUDIT.NOT_THE_AUDITOR', 'forbidden', 'Only the auditor assigned to this audit conducts it');
  }
}
