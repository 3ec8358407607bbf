/** ISO 9001 10.2: where a nonconformity comes from, how bad it is, and what a root cause is filed under. */
export const NC_SOURCES = [
  'internal_audit',
  'customer_complaint',
  'process_monitoring',
  'supplier',
  'management_review',
] as const;
export type NcSource = (typeof NC_SOURCES)[number];

export const NC_SEVERITIES = ['minor', 'major', 'critical'] as const;
export type NcSeverity = (typeof NC_SEVERITIES)[number];

export const NC_SUBJECT_TYPES = ['controlled_document', 'process_record', 'handover_package', 'initiative'] as const;
export type NcSubjectType = (typeof NC_SUBJECT_TYPES)[number];

/** The 6M of an Ishikawa diagram. */
export const CAUSE_CATEGORIES = ['method', 'machine', 'material', 'people', 'measurement', 'environment'] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

/**
 * open: raised, being contained and analysed; actions: corrective actions under way; verifying: every action done,
 * the effectiveness check is scheduled; closed: judged effective and signed (frozen by the database).
 */
export const NC_STATUSES = ['open', 'actions', 'verifying', 'closed'] as const;
export type NcStatus = (typeof NC_STATUSES)[number];

/** An overdue action goes to its owner first, and to the quality heads this many days after its due date. */
export const ESCALATE_TO_QUALITY_AFTER_DAYS = 3;

export const DAY_MS = 24 * 3600 * 1000;

/** NC-0001, NC-0042, NC-12345: four digits at least. */
export function ncNumber(sequence: number): string {
  return `NC-${String(sequence).padStart(4, '0')}`;
}

/** The effectiveness check's job runs once per scheduling: a reopened NC scheduled again gets a new round. */
export function effectivenessJobId(nonconformityId: string, round: number): string {
  return `nc-effectiveness-${nonconformityId}-${round}`;
}
