/**
 * Which audit actions evidence which clauses (the clause map of docs/PRODUCT.md, "ISO clauses and where they live").
 * An entry of the audit trail evidences every clause of every line whose prefix its action starts with, so a context
 * is added with one line. Clause ids are those of the one catalogue (audits' AUDIT_CLAUSES); a unit spec checks it.
 */
export const EVIDENCE_SOURCES: readonly { prefix: string; clauses: readonly string[] }[] = [
  { prefix: 'portfolio.portfolio.', clauses: ['ISO56001-6.4'] },
  { prefix: 'gates.', clauses: ['ISO56001-6.4'] },
  { prefix: 'portfolio.initiative.decision.', clauses: ['ISO56001-6.4'] },
  { prefix: 'portfolio.initiative.created', clauses: ['ISO56001-8.3.2'] },
  { prefix: 'nonconformity.opportunity-raised', clauses: ['ISO56001-8.3.2'] },
  { prefix: 'internal-audit.opportunity-raised', clauses: ['ISO56001-8.3.2'] },
  { prefix: 'management-review.opportunity-raised', clauses: ['ISO56001-8.3.2'] },
  { prefix: 'market.feedback-raised-opportunity', clauses: ['ISO56001-8.3.2'] },
  { prefix: 'portfolio.initiative.updated', clauses: ['ISO56001-8.3.3'] },
  { prefix: 'experiments.', clauses: ['ISO56001-8.3.4'] },
  { prefix: 'portfolio.deliverable.', clauses: ['ISO56001-8.3.5'] },
  { prefix: 'handover.', clauses: ['ISO56001-8.3.6'] },
  { prefix: 'qms.document.controlled', clauses: ['ISO56001-7.5', 'ISO9001-7.5'] },
  { prefix: 'qms.document.withdrawn', clauses: ['ISO56001-7.5', 'ISO9001-7.5'] },
  { prefix: 'qms.revision.', clauses: ['ISO56001-7.5', 'ISO9001-7.5'] },
  { prefix: 'qms.numbering-scheme.', clauses: ['ISO56001-7.5', 'ISO9001-7.5'] },
  { prefix: 'qms.document.reviewed', clauses: ['ISO9001-7.5.3'] },
  { prefix: 'qms.document.flagged-for-review', clauses: ['ISO9001-7.5.3'] },
  { prefix: 'qms.document.review-overdue', clauses: ['ISO9001-7.5.3'] },
  { prefix: 'qms.review-interval.', clauses: ['ISO9001-7.5.3'] },
  { prefix: 'portfolio.process-model.', clauses: ['ISO9001-4.4'] },
  { prefix: 'qms.training.', clauses: ['ISO9001-7.2'] },
  { prefix: 'qms.change-request.', clauses: ['ISO9001-8.3.6', 'ISO9001-8.5.6'] },
  { prefix: 'nonconformity.change-request-raised', clauses: ['ISO9001-8.5.6'] },
  { prefix: 'lean.change-request-raised', clauses: ['ISO9001-8.5.6'] },
  { prefix: 'nonconformity.', clauses: ['ISO9001-10.2'] },
  { prefix: 'internal-audit.', clauses: ['ISO56001-9.2', 'ISO9001-9.2'] },
  { prefix: 'management-review.', clauses: ['ISO56001-9.3', 'ISO9001-9.3'] },
  { prefix: 'lean.', clauses: ['ISO9001-10.3'] },
  { prefix: 'market.', clauses: ['ISO56001-9.1', 'ISO9001-9.1.2'] },
];

/** The prefixes to read from the trail: every action that evidences something. */
export const EVIDENCE_PREFIXES: readonly string[] = [...new Set(EVIDENCE_SOURCES.map((s) => s.prefix))];

/** The clauses an audit action evidences, in catalogue-independent sorted order; none for actions not mapped. */
export function clausesOfAction(action: string): string[] {
  const clauses = new Set<string>();
  for (const source of EVIDENCE_SOURCES)
    if (action.startsWith(source.prefix)) source.clauses.forEach((c) => clauses.add(c));
  return [...clauses].sort();
}

/** What an entry names, enough to find its console page and its signatures. */
export interface EntrySubject {
  entityType: string;
  entityId: string;
  after: unknown;
}

/** The console page of each kind of record the trail names. */
const CONSOLE_PATHS: Readonly<Record<string, (id: string) => string>> = {
  initiative: (id) => `/initiatives/${id}`,
  controlled_document: (id) => `/documents/${id}`,
  nonconformity: (id) => `/nonconformities/${id}`,
  internal_audit: (id) => `/audits/${id}`,
  portfolio: (id) => `/portfolios/${id}`,
  process_model: (id) => `/process-models/${id}`,
  gate_review: (id) => `/reviews/${id}`,
  management_review: (id) => `/management-reviews/${id}`,
  value_stream: (id) => `/value-streams/${id}`,
  improvement_event: (id) => `/improvements/${id}`,
  customer_feedback: (id) => `/market/feedback/${id}`,
  // A product's market record lives on its initiative's page.
  market_product: (id) => `/initiatives/${id}`,
};

function afterField(after: unknown, key: string): string | null {
  if (after === null || typeof after !== 'object' || Array.isArray(after)) return null;
  const value = (after as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The console path of the record an entry is about: a handover entry names its package, which has its own page. */
export function recordLink(subject: EntrySubject): string | null {
  const packageId = afterField(subject.after, 'packageId');
  if (packageId !== null) return `/packages/${packageId}`;
  const path = CONSOLE_PATHS[subject.entityType];
  return path === undefined ? null : path(subject.entityId);
}

/** Records signed under their own identity (their e-signature names the entity itself). */
const SELF_SIGNED = new Set(['nonconformity', 'internal_audit', 'management_review']);

/** Ids in an entry's `after` that name a signed record: the revision approved, the package accepted, the review. */
const SIGNED_BY_FIELD: readonly { field: string; recordType: string }[] = [
  { field: 'revisionId', recordType: 'document_revision' },
  { field: 'packageId', recordType: 'handover_package' },
  { field: 'reviewId', recordType: 'document_review' },
];

/** Where an entry's signatures are: the signed records it names, and the signature it names outright. */
export function signatureRefs(subject: EntrySubject): {
  records: { recordType: string; recordId: string }[];
  signatureIds: string[];
} {
  const records: { recordType: string; recordId: string }[] = [];
  if (SELF_SIGNED.has(subject.entityType)) records.push({ recordType: subject.entityType, recordId: subject.entityId });
  for (const { field, recordType } of SIGNED_BY_FIELD) {
    const id = afterField(subject.after, field);
    if (id !== null) records.push({ recordType, recordId: id });
  }
  const signatureId = afterField(subject.after, 'signatureId');
  return { records, signatureIds: signatureId === null ? [] : [signatureId] };
}
