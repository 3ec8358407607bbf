import { FieldProblem } from '@ambidex/platform/errors';
import { InvalidEvidenceRangeError } from './evidence.errors';

/** A period of whole UTC days, both ends included: what an auditor asks for ("1 Jan to 31 Dec"). */
export interface EvidenceRange {
  from: string;
  to: string;
  /** The first instant of `from`. */
  start: Date;
  /** The first instant after `to`. */
  end: Date;
}

/** Three years and a day: a certification cycle; longer ranges would hold the whole trail in memory at once. */
export const MAX_RANGE_DAYS = 3 * 366;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(field: string, value: unknown, problems: FieldProblem[]): Date | null {
  if (typeof value !== 'string' || !DATE.test(value)) {
    problems.push({ field, reason: `${field} must be a date as YYYY-MM-DD` });
    return null;
  }
  const date = new Date(`${value}T00:00:00.000Z`);
  // Date rolls 2026-02-30 over into March: a date that does not print back as given does not exist.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    problems.push({ field, reason: `${field} is not a calendar date` });
    return null;
  }
  return date;
}

/** Checks both ends and their order; every problem names its field (422). */
export function evidenceRange(from: unknown, to: unknown): EvidenceRange {
  const problems: FieldProblem[] = [];
  const start = day('from', from, problems);
  const last = day('to', to, problems);
  if (start !== null && last !== null) {
    if (start > last) problems.push({ field: 'from', reason: 'from must not be after to' });
    else if ((last.getTime() - start.getTime()) / DAY_MS + 1 > MAX_RANGE_DAYS)
      problems.push({ field: 'to', reason: `a range covers at most ${MAX_RANGE_DAYS} days` });
  }
  if (problems.length > 0 || start === null || last === null) throw new InvalidEvidenceRangeError(problems);
  return { from: from as string, to: to as string, start, end: new Date(last.getTime() + DAY_MS) };
}
