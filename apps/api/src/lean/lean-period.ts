import { InvalidLeanInputError } from '@ambidex/lean';

const FIVE_YEARS_MS = 5 * 366 * 86_400_000;

/** A period ends after it starts and spans five years at most (a bounded read). Throws a 422 naming `to`. */
export function assertBoundedPeriod(from: Date, to: Date): void {
  if (!(to.getTime() > from.getTime()))
    throw new InvalidLeanInputError([{ field: 'to', reason: 'the period ends after it starts' }]);
  if (to.getTime() - from.getTime() > FIVE_YEARS_MS)
    throw new InvalidLeanInputError([{ field: 'to', reason: 'a period spans five years at most' }]);
}
