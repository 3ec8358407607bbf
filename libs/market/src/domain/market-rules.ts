/** Where customer feedback reached us, and how it felt (ISO 9001 9.1.2 customer satisfaction). */
export const FEEDBACK_CHANNELS = ['survey', 'support', 'sales', 'social', 'interview', 'other'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

export const FEEDBACK_SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type FeedbackSentiment = (typeof FEEDBACK_SENTIMENTS)[number];

/** A post-launch review's verdict on the product against its forecast. */
export const REVIEW_VERDICTS = ['ahead', 'on_track', 'behind'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** The post-launch reviews, this many months after the handover was accepted. */
export const POST_LAUNCH_REVIEW_MONTHS = [6, 12] as const;
export type PostLaunchReviewMonths = (typeof POST_LAUNCH_REVIEW_MONTHS)[number];

/** The vitality index counts revenue from products handed over within this many years of the period's end. */
export const VITALITY_YEARS = 3;

/** The percentage of realised revenue and savings returned to the innovation budget when none is configured. */
export const DEFAULT_REINVESTMENT_PERCENT = 10;

/** One delayed job per product and review: the outbox relay and the sweep may both queue it. */
export function postLaunchReviewJobId(initiativeId: string, months: number): string {
  return `market-review-${initiativeId}-${months}`;
}

/** The same instant `months` calendar months later (clamped to the month's end, as 31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const last = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, last));
  return result;
}
