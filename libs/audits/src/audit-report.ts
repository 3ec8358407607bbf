import { SignedSubject } from '@ambidex/qms';
import { AuditItemRecord, AuditRecord } from './audit-rows';

/** What the auditor signs: the audit as conducted, every finding and the summary. */
export function auditReportSubject(audit: AuditRecord, items: AuditItemRecord[], summary: string): SignedSubject {
  return {
    recordType: 'internal_audit',
    recordId: audit.id,
    content: {
      number: audit.number,
      plannedFor: audit.plannedFor,
      scope: audit.scope,
      subject: audit.subjectType === null ? null : { type: audit.subjectType, id: audit.subjectId },
      findings: items.map((i) => ({
        clause: i.clause,
        finding: i.finding,
        note: i.note,
        evidenceLinks: i.evidenceLinks,
        nonconformityId: i.nonconformityId,
      })),
      summary,
    },
  };
}
