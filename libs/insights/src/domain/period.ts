import { FieldProblem } from '@ambidex/platform/errors';

/**
 * A reporting period in whole UTC days, half-open: [fromDay, toDay). Null bounds are open (since the beginning,
 * until now). Days are 'YYYY-MM-DD'.
 */
export interface DayPeriod {
  fromDay: string | null;
  toDay: string | null;
}

export const OPEN_PERIOD: DayPeriod = { fromDay: null, toDay: null };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** The UTC day of an instant. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

type Parsed = { kind: 'date'; day: string } | { kind: 'datetime'; instant: Date };

function parse(value: string): Parsed | null {
  const date = DATE_ONLY.exec(value);
  if (date !== null) {
    const day = new Date(`${value}T00:00:00Z`);
    // Rejects 2026-02-30 and the like: the parsed day must print back the same.
    return Number.isNaN(day.getTime()) || utcDay(day) !== value ? null : { kind: 'date', day: value };
  }
  const time = DATE_TIME.exec(value);
  if (time === null) return null;
  const [, y, mo, d, h, mi, s] = time;
  if (
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > 31 ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s ?? 0) > 59
  )
    return null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  // The calendar date must exist (no 2026-02-30T…): check it before the offset moves the instant.
  const local = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(local.getTime()) || utcDay(local) !== `${y}-${mo}-${d}`) return null;
  return { kind: 'datetime', instant };
}

const YEAR_RANGE = { min: 1970, max: 9998 };

/**
 * Turns the `from`/`to` query parameters (ISO 8601: a date, or a date-time with Z or an offset) into whole UTC
 * days covering what was asked:
 *   - from: a date is that day; a date-time starts at the beginning of its UTC day;
 *   - to (exclusive): a date means up to the end of that day (inclusive of it); a date-time at 00:00 UTC exactly
 *     is that instant; any other date-time extends to the end of its UTC day.
 * Returns the problems instead when a value is not such a date, or from is not before to.
 */
export function parsePeriod(
  from: string | undefined,
  to: string | undefined,
): { ok: true; period: DayPeriod } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let fromDay: string | null = null;
  let toDay: string | null = null;
  if (from !== undefined) {
    const parsed = parse(from);
    if (parsed === null)
      problems.push({
        field: 'from',
        reason: 'from must be an ISO 8601 date (2026-01-31) or date-time with a zone (2026-01-31T08:00:00Z)',
      });
    else fromDay = parsed.kind === 'date' ? parsed.day : utcDay(parsed.instant);
  }
  if (to !== undefined) {
    const parsed = parse(to);
    if (parsed === null)
      problems.push({
        field: 'to',
        reason: 'to must be an ISO 8601 date (2026-01-31) or date-time with a zone (2026-01-31T08:00:00Z)',
      });
    else if (parsed.kind === 'date') toDay = addDays(parsed.day, 1);
    else {
      const day = utcDay(parsed.instant);
      toDay = parsed.instant.getTime() === Date.parse(`${day}T00:00:00Z`) ? day : addDays(day, 1);
    }
  }
  for (const [field, day] of [
    ['from', fromDay],
    ['to', toDay],
  ] as const) {
    const year = day === null ? null : Number(day.slice(0, 4));
    if (year !== null && (year < YEAR_RANGE.min || year > YEAR_RANGE.max)) {
      problems.push({ field, reason: `${field} must be between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}` });
    }
  }
  if (problems.length === 0 && fromDay !== null && toDay !== null && fromDay >= toDay) {
    problems.push({ field: 'from', reason: 'from must be before to' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, period: { fromDay, toDay } };
}

/** Whether a UTC day lies in the period. */
export function dayInPeriod(day: string, period: DayPeriod): boolean {
  return (period.fromDay === null || day >= period.fromDay) && (period.toDay === null || day < period.toDay);
}

/** Whether a UTC day lies before the period's end (everything up to `to`): the "as of the end" view. */
export function dayBeforeEnd(day: string, period: DayPeriod): boolean {
  return period.toDay === null || day < period.toDay;
}
