/**
 * What kind of failure a domain error is. The API's one error filter maps kinds to HTTP statuses;
 * services never think in HTTP.
 */
export type DomainErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** Base of every expected failure: a stable code ('IDENTITY.EMAIL_TAKEN') clients can rely on. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, what: string) {
    super(code, 'not_found', `${what} was not found`);
  }
}

export class ConcurrentChangeError extends DomainError {
  constructor(code: string, what: string) {
    super(code, 'conflict', `${what} was changed by someone else; reload and try again`);
  }
}
