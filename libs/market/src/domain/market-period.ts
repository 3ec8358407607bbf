/**
 * Months as the market figures count them: a month is named 'YYYY-MM' and stored as its first day (a date). A period
 * runs from its first month to its last, both included.
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})$/;

/** Years the figures can name: a month outside them is a typing error, and PostgreSQL has no year 0. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

const inRange = (year: string): boolean => Number(year) >= FIRST_YEAR && Number(year) <= LAST_YEAR;

/** 'YYYY-MM' (or a day of it, 'YYYY-MM-DD') from 1900 to 2999 → 'YYYY-MM'; null when it is neither. */
export function monthOf(text: string): string | null {
  const month = MONTH.exec(text);
  if (month !== null) return inRange(month[1] as string) ? `${month[1]}-${month[2]}` : null;
  const day = DAY.exec(text);
  if (day === null || !inRange(day[1] as string)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return null;
  return `${day[1]}-${day[2]}`;
}

/** The first day of a 'YYYY-MM' month, as the date column stores it. */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** The instant the month after `month` begins: the exclusive end of a period whose last month it is. */
export function endOfMonth(month: string): Date {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1));
}

/** The month of an instant, in UTC. */
export function monthOfDate(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** `count` months ending with `last` (the default dashboard period: the last twelve months). */
export function monthsBack(last: string, count: number): string {
  const [year, m] = last.split('-').map(Number) as [number, number];
  return monthOfDate(new Date(Date.UTC(year, m - count, 1)));
}
