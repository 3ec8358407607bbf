/** When each past step of a demo initiative happened: pure date arithmetic over the plan in demo-initiatives.ts. */

export const DAY_MS = 24 * 3600 * 1000;

/** Days a gate review takes from its request to its decision, in the demo's back-dated history. */
export const REVIEW_SPAN_DAYS = 8;

export interface DemoTimelinePlan {
  /** How many days ago the idea was captured. */
  createdDaysAgo: number;
  /** Each past gate decision, in days after the previous event (the creation, then the previous decision). */
  decisionsAfterDays: readonly number[];
}

export interface DemoTimeline {
  createdAt: Date;
  decidedAt: Date[];
}

export function demoTimeline(plan: DemoTimelinePlan, now: Date): DemoTimeline {
  const createdAt = new Date(now.getTime() - plan.createdDaysAgo * DAY_MS);
  let at = createdAt.getTime();
  const decidedAt = plan.decisionsAfterDays.map((days) => new Date((at += days * DAY_MS)));
  return { createdAt, decidedAt };
}

/**
 * What is wrong with a plan, if anything: every decision must be in the past, and leave room for its review
 * (requested REVIEW_SPAN_DAYS before the decision, after the previous event), so the history stays in order.
 */
export function timelineProblems(plan: DemoTimelinePlan): string[] {
  const problems: string[] = [];
  const total = plan.decisionsAfterDays.reduce((sum, days) => sum + days, 0);
  if (total >= plan.createdDaysAgo)
    problems.push(`the decisions take ${total} days, but the idea is ${plan.createdDaysAgo} days old`);
  plan.decisionsAfterDays.forEach((days, index) => {
    if (days <= REVIEW_SPAN_DAYS)
      problems.push(
        `decision ${index + 1} comes ${days} days after the previous event: its review needs more than ${REVIEW_SPAN_DAYS}`,
      );
  });
  return problems;
}
