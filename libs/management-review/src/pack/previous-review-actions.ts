import { actionsOfReview, previousSignedReview } from '../management-review-rows';
import { PackSectionBuilder } from './pack-section-builder';

/** ISO 9001 9.3.2 a, ISO 56001 9.3.2 a: where the actions of the last signed review stand. */
export const previousReviewActions: PackSectionBuilder = async (em, period) => {
  const previous = await previousSignedReview(em, period.reviewId, period.meetingOn);
  const actions = previous === null ? [] : await actionsOfReview(em, previous.id);
  const now = Date.now();
  const state = (a: (typeof actions)[number]): string =>
    a.doneAt !== null ? 'done' : a.dueAt.getTime() < now ? 'overdue' : 'open';
  return {
    key: 'previous-review-actions',
    title: 'Actions from the previous management review',
    clauses: ['ISO9001-9.3.2a', 'ISO56001-9.3.2'],
    source: 'The actions recorded by the last signed review held before this meeting, as they stand at assembly.',
    figures: {
      previousReview:
        previous === null ? null : { id: previous.id, number: previous.number, meetingOn: previous.meetingOn },
      total: actions.length,
      done: actions.filter((a) => state(a) === 'done').length,
      open: actions.filter((a) => state(a) === 'open').length,
      overdue: actions.filter((a) => state(a) === 'overdue').length,
      actions: actions.map((a) => ({
        id: a.id,
        text: a.text,
        ownerId: a.ownerId,
        dueAt: a.dueAt.toISOString(),
        state: state(a),
        doneAt: a.doneAt?.toISOString() ?? null,
        doneNote: a.doneNote,
      })),
    },
  };
};
