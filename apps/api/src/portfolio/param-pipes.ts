import { GATES } from '@ambidex/portfolio';
import { PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../errors/request-validation';

/** A path segment checked against a rule; anything else is a 422 naming the parameter. */
export function paramPipe(
  field: string,
  accept: (value: string) => boolean,
  reason: string,
): PipeTransform<string, string> {
  return {
    transform(value: string): string {
      if (!accept(value)) throw new RequestValidationError([{ field, reason: `${field} ${reason}` }]);
      return value;
    },
  };
}

export const gatePipe = paramPipe(
  'gate',
  (v) => (GATES as readonly string[]).includes(v),
  `must be one of ${GATES.join(', ')}`,
);
export const DELIVERABLE_KEY = /^[a-z][a-z0-9_]{0,62}$/;
export const keyPipe = paramPipe('key', (v) => DELIVERABLE_KEY.test(v), 'must be a deliverable key (snake_case)');
