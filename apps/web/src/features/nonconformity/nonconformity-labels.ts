/** Words for the register and the NC page; the API speaks in snake_case codes. */
export const NC_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  actions: 'Corrective actions',
  verifying: 'Effectiveness check',
  closed: 'Closed',
};

export const NC_SEVERITY_LABELS: Record<string, string> = { minor: 'Minor', major: 'Major', critical: 'Critical' };

export const NC_SOURCE_LABELS: Record<string, string> = {
  internal_audit: 'Internal audit',
  customer_complaint: 'Customer complaint',
  process_monitoring: 'Process monitoring',
  supplier: 'Supplier',
  management_review: 'Management review',
};

export const NC_SUBJECT_LABELS: Record<string, string> = {
  controlled_document: 'Controlled document',
  process_record: 'Process record',
  handover_package: 'Handover package',
  initiative: 'Initiative',
};

export const CAUSE_CATEGORY_LABELS: Record<string, string> = {
  method: 'Method',
  machine: 'Machine',
  material: 'Material',
  people: 'People',
  measurement: 'Measurement',
  environment: 'Environment',
};

export function optionsOf(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** The register's filters from the address (unknown values dropped), so a filtered register can be bookmarked. */
export function filtersOf(params: URLSearchParams): { status?: string; severity?: string; source?: string } {
  const pick = (name: string, labels: Record<string, string>) => {
    const value = params.get(name);
    return value !== null && value in labels ? { [name]: value } : {};
  };
  return {
    ...pick('status', NC_STATUS_LABELS),
    ...pick('severity', NC_SEVERITY_LABELS),
    ...pick('source', NC_SOURCE_LABELS),
  };
}

/** Where the record an NC is about lives in the console, when it has a page. */
export function subjectPath(type: string | null, id: string | null): string | null {
  if (type === null || id === null) return null;
  if (type === 'controlled_document') return `/documents/${id}`;
  if (type === 'handover_package') return `/packages/${id}`;
  if (type === 'initiative') return `/initiatives/${id}`;
  return null;
}

/** The non-empty lines of a textarea, trimmed: one why (or one link) a line. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
