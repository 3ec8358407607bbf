import type { Audit, AuditItem } from './queries';

export const AUDIT_STATUS_LABELS: Record<Audit['status'], string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  signed: 'Signed',
};

export const FINDING_LABELS: Record<NonNullable<AuditItem['finding']>, string> = {
  conformity: 'Conformity',
  observation: 'Observation',
  minor: 'Minor nonconformity',
  major: 'Major nonconformity',
};

export const AUDIT_SUBJECT_LABELS: Record<NonNullable<Audit['subjectType']>, string> = {
  controlled_document: 'Controlled document',
  initiative: 'Initiative',
};

export function auditSubjectPath(type: Audit['subjectType'], id: string | null): string | null {
  if (type === null || id === null) return null;
  return type === 'initiative' ? `/initiatives/${id}` : `/documents/${id}`;
}

export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
