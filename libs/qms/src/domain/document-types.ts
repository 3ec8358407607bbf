/** Controlled document types (ISO 9001 7.5) and their default numbering prefixes. */
export const DOCUMENT_TYPES = ['procedure', 'work_instruction', 'specification', 'control_plan'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DEFAULT_PREFIXES: Record<DocumentType, string> = {
  procedure: 'SOP',
  work_instruction: 'WI',
  specification: 'SPEC',
  control_plan: 'CP',
};

export interface NumberingScheme {
  prefix: string;
  padding: number;
}

/** SOP-0007: the scheme's prefix and the sequence number, zero-padded. */
export function formatDocumentNumber(scheme: NumberingScheme, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`a document sequence starts at 1 (got ${sequence})`);
  return `${scheme.prefix}-${String(sequence).padStart(scheme.padding, '0')}`;
}
