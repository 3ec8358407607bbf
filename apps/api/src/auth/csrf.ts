import { DomainError } from '@ambidex/platform';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import { cookieValue } from './credentials';

/** Readable by the page's script (not HttpOnly), which echoes it in CSRF_HEADER: another site can do neither. */
export const CSRF_COOKIE = 'ambidex_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CsrfTokenMismatchError extends DomainError {
  constructor() {
    super(
      'AUTH.CSRF_TOKEN_MISMATCH',
      'forbidden',
      `A write signed in by cookie needs the ${CSRF_HEADER} header equal to the ${CSRF_COOKIE} cookie`,
    );
  }
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Double-submit check for writes authenticated by the access cookie, which a browser attaches to requests other
 * sites make too. Bearer requests are exempt: another site cannot make a browser send an Authorization header.
 */
export function assertCsrfToken(method: string, headers: IncomingHttpHeaders): void {
  if (SAFE_METHODS.has(method.toUpperCase()) || headers.authorization !== undefined) return;
  const cookie = cookieValue(headers.cookie, CSRF_COOKIE);
  const header = headers[CSRF_HEADER];
  if (cookie === null || typeof header !== 'string' || !sameText(cookie, header)) throw new CsrfTokenMismatchError();
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
