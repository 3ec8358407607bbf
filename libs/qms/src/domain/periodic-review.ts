import { DocumentType } from './document-types';

/** Periodic review of controlled documents (ISO 9001 7.5.2/7.5.3): is the effective revision still suitable? */
export const REVIEW_OUTCOMES = ['still_valid', 'change_needed'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The owner is reminded this many days before the due date; quality heads hear of it once it is overdue. */
export const REVIEW_REMINDER_DAYS = 30;

export const DEFAULT_REVIEW_INTERVAL_MONTHS: Record<DocumentType, number> = {
  procedure: 24,
  work_instruction: 12,
  specification: 24,
  control_plan: 12,
};

export type ReviewState = 'not_scheduled' | 'scheduled' | 'due_soon' | 'overdue' | 'change_requested';

/** Where a document stands against its review date (the console marks due-soon and overdue). */
export function reviewState(dueAt: Date | null, now: Date, changeRequested = false): ReviewState {
  if (dueAt === null) return 'not_scheduled';
  if (changeRequested) return 'change_requested';
  if (dueAt.getTime() <= now.getTime()) return 'overdue';
  return dueAt.getTime() - now.getTime() <= REVIEW_REMINDER_DAYS * 86_400_000 ? 'due_soon' : 'scheduled';
}
