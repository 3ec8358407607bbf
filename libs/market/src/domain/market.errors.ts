import { DomainError, FieldProblem } from '@ambidex/platform/errors';

export class InvalidMarketInputError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('MARKET.INVALID', 'invalid', fields[0]?.reason ?? 'invalid market input', fields);
  }
}

export class ProductNotFoundError extends DomainError {
  constructor(id: string) {
    super('MARKET.PRODUCT_NOT_FOUND', 'not_found', `No handed-over product ${id} was found`);
  }
}

export class NotInOperationError extends DomainError {
  constructor(stage: string) {
    super(
      'MARKET.NOT_IN_OPERATION',
      'conflict',
      `The initiative is in ${stage}: value is recorded once its handover is accepted and it is in operation`,
    );
  }
}

export class NotProductOwnerError extends DomainError {
  constructor(what: string) {
    super('MARKET.NOT_PRODUCT_OWNER', 'forbidden', `Only the product's owner ${what}`);
  }
}

export class FeedbackNotFoundError extends DomainError {
  constructor(id: string) {
    super('MARKET.FEEDBACK_NOT_FOUND', 'not_found', `Customer feedback ${id} was not found`);
  }
}

export class FeedbackStateError extends DomainError {
  constructor(message: string) {
    super('MARKET.FEEDBACK_STATE', 'conflict', message);
  }
}

export class ReviewNotFoundError extends DomainError {
  constructor(id: string) {
    super('MARKET.REVIEW_NOT_FOUND', 'not_found', `Post-launch review ${id} was not found`);
  }
}

export class ReviewStateError extends DomainError {
  constructor(message: string) {
    super('MARKET.REVIEW_STATE', 'conflict', message);
  }
}
