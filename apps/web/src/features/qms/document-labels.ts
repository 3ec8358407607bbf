import type { components } from '../../api/schema';

type ControlledDocument = components['schemas']['DocumentDto'];

/** The words a quality head reads for a document's type and state, wherever a document is listed. */
export const DOCUMENT_TYPE_LABELS: Record<ControlledDocument['documentType'], string> = {
  procedure: 'Procedure',
  work_instruction: 'Work instruction',
  specification: 'Specification',
  control_plan: 'Control plan',
};

export const DOCUMENT_STATE_LABELS: Record<ControlledDocument['status'], string> = {
  draft_in_package: 'Draft in a handover package',
  controlled: 'Controlled',
  obsolete: 'Obsolete',
  withdrawn: 'Withdrawn',
};

/** Where a document stands against its periodic review date (ISO 9001 7.5.2). */
export const REVIEW_STATE_LABELS: Record<ControlledDocument['periodicReview']['state'], string> = {
  not_scheduled: 'Not scheduled',
  scheduled: 'Scheduled',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  change_requested: 'Change requested',
};
