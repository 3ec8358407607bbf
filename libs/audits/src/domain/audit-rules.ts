/**
 * Internal audits (ISO 9001 9.2, ISO 56001 9.2): the clauses an audit may cover, from the clause map of PRODUCT.md,
 * and the audit's lifecycle. The one clause catalogue: the evidence export reports coverage against it too.
 */
export const AUDIT_CLAUSES = [
  { id: 'ISO56001-6.4', title: 'ISO 56001 6.4 Innovation portfolios' },
  { id: 'ISO56001-8.3.2', title: 'ISO 56001 8.3.2 Identify opportunities' },
  { id: 'ISO56001-8.3.3', title: 'ISO 56001 8.3.3 Create concepts' },
  { id: 'ISO56001-8.3.4', title: 'ISO 56001 8.3.4 Validate concepts' },
  { id: 'ISO56001-8.3.5', title: 'ISO 56001 8.3.5 Develop solutions' },
  { id: 'ISO56001-8.3.6', title: 'ISO 56001 8.3.6 Deploy solutions' },
  { id: 'ISO56001-7.5', title: 'ISO 56001 7.5 Documented information' },
  { id: 'ISO56001-9.1', title: 'ISO 56001 9.1 Monitoring, measurement, analysis and evaluation' },
  { id: 'ISO56001-9.2', title: 'ISO 56001 9.2 Internal audit' },
  { id: 'ISO56001-9.3', title: 'ISO 56001 9.3 Management review' },
  { id: 'ISO9001-4.4', title: 'ISO 9001 4.4 Quality management system and its processes' },
  { id: 'ISO9001-7.2', title: 'ISO 9001 7.2 Competence' },
  { id: 'ISO9001-7.5', title: 'ISO 9001 7.5 Documented information' },
  { id: 'ISO9001-7.5.3', title: 'ISO 9001 7.5.3 Control of documented information (periodic review)' },
  { id: 'ISO9001-8.3.6', title: 'ISO 9001 8.3.6 Design and development changes' },
  { id: 'ISO9001-8.5.6', title: 'ISO 9001 8.5.6 Control of changes' },
  { id: 'ISO9001-9.1', title: 'ISO 9001 9.1 Monitoring, measurement, analysis and evaluation' },
  { id: 'ISO9001-9.1.2', title: 'ISO 9001 9.1.2 Customer satisfaction' },
  { id: 'ISO9001-9.2', title: 'ISO 9001 9.2 Internal audit' },
  { id: 'ISO9001-9.3', title: 'ISO 9001 9.3 Management review' },
  { id: 'ISO9001-10.2', title: 'ISO 9001 10.2 Nonconformity and corrective action' },
  { id: 'ISO9001-10.3', title: 'ISO 9001 10.3 Continual improvement' },
] as const;
export type AuditClauseId = (typeof AUDIT_CLAUSES)[number]['id'];
export const AUDIT_CLAUSE_IDS = AUDIT_CLAUSES.map((c) => c.id) as AuditClauseId[];

export function clauseTitle(id: string): string {
  return AUDIT_CLAUSES.find((c) => c.id === id)?.title ?? id;
}

/** planned: waiting for its date; in_progress: checklist generated, findings recorded; signed: the report, frozen. */
export const AUDIT_STATUSES = ['planned', 'in_progress', 'signed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export const FINDING_KINDS = ['conformity', 'observation', 'minor', 'major'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Minor and major findings are nonconformities (ISO 9001 10.2); they are raised with the same severity. */
export function raisesNonconformity(kind: FindingKind): kind is 'minor' | 'major' {
  return kind === 'minor' || kind === 'major';
}

/** The records an audit may name; the auditor must not own the one audited (ISO 9001 9.2.2 c: impartiality). */
export const AUDIT_SUBJECT_TYPES = ['controlled_document', 'initiative'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

/** An audit this many days from its date reaches the auditor's inbox. */
export const REMIND_DAYS_BEFORE = 7;

export function auditNumber(sequence: number): string {
  return `AUD-${String(sequence).padStart(4, '0')}`;
}
