import { DomainError, FieldProblem } from '@ambidex/platform/errors';

export class PackageNotFoundError extends DomainError {
  constructor(id: string) {
    super('HANDOVER.PACKAGE_NOT_FOUND', 'not_found', `Handover package ${id} was not found`);
  }
}

export class PackageStateError extends DomainError {
  constructor(message: string) {
    super('HANDOVER.PACKAGE_STATE', 'conflict', message);
  }
}

export class ChecklistOpenError extends DomainError {
  constructor(open: string[]) {
    super(
      'HANDOVER.CHECKLIST_OPEN',
      'conflict',
      `The readiness checklist has open items (${open.join(', ')}): accept on conditions or wait`,
      open.map((key) => ({ field: `checklist.${key}`, reason: 'open' })),
    );
  }
}

export class InvalidHandoverDecisionError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('HANDOVER.INVALID_DECISION', 'invalid', fields[0]?.reason ?? 'invalid decision', fields);
  }
}

export class NotPackageOwnerError extends DomainError {
  constructor() {
    super(
      'HANDOVER.NOT_OWNER',
      'forbidden',
      "Only the initiative's owner (or an admin) prepares and submits its handover package",
    );
  }
}

export class SamePersonError extends DomainError {
  constructor() {
    super(
      'HANDOVER.SAME_PERSON',
      'forbidden',
      'The handover is a two-party transaction: its owner or submitter cannot also accept it',
    );
  }
}

export class NotActionOwnerError extends DomainError {
  constructor() {
    super(
      'HANDOVER.NOT_ACTION_OWNER',
      'forbidden',
      'Only the owner of a handover condition (or a quality head) marks it done',
    );
  }
}
