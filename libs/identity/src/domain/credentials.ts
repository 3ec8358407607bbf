import { WeakPasswordError } from './identity.errors';

export const MIN_PASSWORD_LENGTH = 12;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function assertPasswordAcceptable(password: string, email: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new WeakPasswordError(`Password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > 256) throw new WeakPasswordError('Password must have at most 256 characters');
  if (password.toLowerCase().includes(normaliseEmail(email).split('@')[0] ?? '')) {
    throw new WeakPasswordError('Password must not contain the email name');
  }
}
