/** scheduled: the pack is assembled (and reassembled) and the outputs recorded; signed: a frozen record. */
export const REVIEW_STATUSES = ['scheduled', 'signed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** An overdue action goes to its owner first, and to leadership this many days after its due date. */
export const ESCALATE_TO_LEADERSHIP_AFTER_DAYS = 3;

export const DAY_MS = 24 * 3600 * 1000;

/** MR-0001, MR-0042: four digits at least. */
export function reviewNumber(sequence: number): string {
  return `MR-${String(sequence).padStart(4, '0')}`;
}

/** The pack is assembled once per round: reassembling starts a new round with its own job. */
export function packJobId(reviewId: string, round: number): string {
  return `mr-pack-${reviewId}-${round}`;
}

/**
 * The review inputs the standards ask for (ISO 9001:2015 9.3.2 a–f, ISO 56001:2024 9.3.2), in the order the pack
 * presents them. A pack section sits under the first clause it names.
 */
export const REVIEW_CLAUSES = [
  { id: 'ISO9001-9.3.2a', title: 'Status of actions from previous management reviews' },
  { id: 'ISO9001-9.3.2b', title: 'Changes in external and internal issues relevant to the management system' },
  { id: 'ISO9001-9.3.2c1', title: 'Customer satisfaction and feedback from relevant interested parties' },
  { id: 'ISO9001-9.3.2c2', title: 'The extent to which quality and innovation objectives have been met' },
  { id: 'ISO9001-9.3.2c3', title: 'Process performance and conformity of products and services' },
  { id: 'ISO9001-9.3.2c4', title: 'Nonconformities and corrective actions' },
  { id: 'ISO9001-9.3.2c5', title: 'Monitoring and measurement results' },
  { id: 'ISO9001-9.3.2c6', title: 'Audit results' },
  { id: 'ISO9001-9.3.2e', title: 'The effectiveness of actions taken to address risks and opportunities' },
  { id: 'ISO9001-9.3.2f', title: 'Opportunities for improvement' },
  { id: 'ISO56001-9.3.2', title: 'Innovation management review inputs (ISO 56001 9.3)' },
] as const;
export type ReviewClauseId = (typeof REVIEW_CLAUSES)[number]['id'];

export function clauseTitle(id: string): string {
  return REVIEW_CLAUSES.find((c) => c.id === id)?.title ?? id;
}

/** A calendar day or instant the database stores as given: years 1970–9998, as the dashboards' periods. */
export function reasonableDay(value: string | Date): boolean {
  const year = typeof value === 'string' ? Number(value.slice(0, 4)) : value.getUTCFullYear();
  return Number.isInteger(year) && year >= 1970 && year <= 9998;
}
