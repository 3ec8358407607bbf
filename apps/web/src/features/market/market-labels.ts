/** Words for the market's values, and the few figures the pages compute from what the API sends. */
export const SENTIMENT_LABELS: Record<string, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
};

export const CHANNEL_LABELS: Record<string, string> = {
  survey: 'Survey',
  support: 'Support',
  sales: 'Sales',
  social: 'Social media',
  interview: 'Interview',
  other: 'Other',
};

export const VERDICT_LABELS: Record<string, string> = { ahead: 'Ahead', on_track: 'On track', behind: 'Behind' };

/** A share (0–1) as a percentage with one decimal; a dash when there is none. */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}

/** 'YYYY-MM' as a month name and year, in UTC so the month never slips a day either side. */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return date.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A dashboard day filter (YYYY-MM-DD) as the month the market figures count in. */
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

/** The month before the current one, the usual month to enter. */
export function previousMonth(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** Whether a review can be recorded now: due, and not yet recorded. */
export function reviewOpen(review: { dueAt: string; verdict: string | null }, now: Date): boolean {
  return review.verdict === null && new Date(review.dueAt).getTime() <= now.getTime();
}
