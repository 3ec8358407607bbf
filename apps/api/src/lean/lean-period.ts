import { InvalidLeanInputError } from '@ambidex/lean';

const FIVE_YEARS_MS = 5 * 366 * 86_400_000;
/** What PostgreSQL's timestamptz takes without complaint: a year 0 or 10000 would be a 500, not a 422. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

/** A period within 1970–9999 that ends after it starts and spans five years at most (a bounded read); else a 422. */
export function assertBoundedPeriod(from: Date, to: Date): void {
  for (const [field, at] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const time = at.getTime();
    if (!Number.isFinite(time) || time < EARLIEST || time > LATEST)
      throw new InvalidLeanInputError([{ field, reason: `${field} must fall between 1970 and 9999` }]);
  }
  if (!(to.getTime() > from.getTime()))
    throw new InvalidLeanInputError([{ field: 'to', reason: 'the period ends after it starts' }]);
  if (to.getTime() - from.getTime() > FIVE_YEARS_MS)
    throw new InvalidLeanInputError([{ field: 'to', reason: 'a period spans five years at most' }]);
}
