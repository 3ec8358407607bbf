import { DomainError } from '@ambidex/platform/errors';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('IDENTITY.INVALID_CREDENTIALS', 'unauthenticated', 'Email or password is wrong');
  }
}

export class NotAuthenticatedError extends DomainError {
  constructor(reason = 'A valid access token or API token is required') {
    super('IDENTITY.NOT_AUTHENTICATED', 'unauthenticated', reason);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your roles do not allow this') {
    super('IDENTITY.FORBIDDEN', 'forbidden', message);
  }
}

export class TooManyLoginAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'IDENTITY.TOO_MANY_LOGIN_ATTEMPTS',
      'rate_limited',
      `Too many failed logins; try again in ${retryAfterSeconds} s`,
    );
  }
}

/** The failed-login counts cannot be read or written, so no password is checked until they can. */
export class LoginThrottleUnavailableError extends DomainError {
  readonly retryAfterSeconds = 5;
  constructor() {
    super('IDENTITY.LOGIN_UNAVAILABLE', 'unavailable', 'Sign-in is unavailable for a moment; try again shortly');
  }
}

export class EmailTakenError extends DomainError {
  constructor(email: string) {
    super('IDENTITY.EMAIL_TAKEN', 'conflict', `A user with email ${email} already exists`, [
      { field: 'email', reason: 'already in use' },
    ]);
  }
}

export class WeakPasswordError extends DomainError {
  constructor(reason: string) {
    super('IDENTITY.WEAK_PASSWORD', 'invalid', reason, [{ field: 'password', reason }]);
  }
}

export class LastAdminError extends DomainError {
  constructor() {
    super('IDENTITY.LAST_ADMIN', 'conflict', 'The last active admin cannot lose the admin role or be deactivated');
  }
}
