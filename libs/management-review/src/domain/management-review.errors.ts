import { DomainError, FieldProblem } from '@ambidex/platform/errors';

export class ManagementReviewNotFoundError extends DomainError {
  constructor(id: string) {
    super('MANAGEMENT_REVIEW.NOT_FOUND', 'not_found', `Management review ${id} was not found`);
  }
}

export class ManagementReviewStateError extends DomainError {
  constructor(message: string) {
    super('MANAGEMENT_REVIEW.STATE', 'conflict', message);
  }
}

export class InvalidManagementReviewError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('MANAGEMENT_REVIEW.INVALID', 'invalid', fields[0]?.reason ?? 'invalid management review', fields);
  }
}

export class ReviewActionNotFoundError extends DomainError {
  constructor(id: string) {
    super('MANAGEMENT_REVIEW.ACTION_NOT_FOUND', 'not_found', `Management review action ${id} was not found`);
  }
}

export class NotReviewActionOwnerError extends DomainError {
  constructor() {
    super('MANAGEMENT_REVIEW.NOT_ACTION_OWNER', 'forbidden', 'Only the owner of a review action marks it done');
  }
}
