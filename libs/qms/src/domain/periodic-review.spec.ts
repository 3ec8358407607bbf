import { REVIEW_REMINDER_DAYS, reviewState } from './periodic-review';

describe('periodic review state', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const inDays = (days: number): Date => new Date(now.getTime() + days * 86_400_000);

  it('is not scheduled without a due date, whatever else', () => {
    expect(reviewState(null, now)).toBe('not_scheduled');
    expect(reviewState(null, now, true)).toBe('not_scheduled');
  });

  it('is due soon within the reminder window, overdue from the due date on', () => {
    expect(reviewState(inDays(REVIEW_REMINDER_DAYS + 1), now)).toBe('scheduled');
    expect(reviewState(inDays(REVIEW_REMINDER_DAYS), now)).toBe('due_soon');
    expect(reviewState(inDays(1), now)).toBe('due_soon');
    expect(reviewState(now, now)).toBe('overdue');
    expect(reviewState(inDays(-3), now)).toBe('overdue');
  });

  it('a review that found a change needed answers the due date until the new revision restarts the clock', () => {
    expect(reviewState(inDays(-3), now, true)).toBe('change_requested');
  });
});
