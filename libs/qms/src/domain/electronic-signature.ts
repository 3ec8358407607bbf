import { canonicalJson } from '@ambidex/platform/canonical-json';
import { createHash } from 'node:crypto';

/** What a signature means (21 CFR 11.50): printed with the name and the time wherever the record shows. */
export const SIGNATURE_MEANINGS = ['authored', 'reviewed', 'approved', 'accepted', 'rejected'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/** Exactly what is signed: the record's identity and its content, so a signature cannot move to another record. */
export interface SignedSubject {
  recordType: string;
  recordId: string;
  content: unknown;
}

/** SHA-256 of the subject: record type, record id and content together. */
export function contentHash(subject: SignedSubject): string {
  return createHash('sha256')
    .update(canonicalJson({ recordType: subject.recordType, recordId: subject.recordId, content: subject.content }))
    .digest('hex');
}

export interface StoredSignature {
  recordType: string;
  recordId: string;
  contentHash: string;
}

/** A signature holds while the record it names still has the content it signed; otherwise it is void. */
export function signatureStatus(signature: StoredSignature, current: SignedSubject): 'valid' | 'void' {
  if (signature.recordType !== current.recordType || signature.recordId !== current.recordId) return 'void';
  return signature.contentHash === contentHash(current) ? 'valid' : 'void';
}

/** The manifestation printed with the record: "Signed by Quinn Quality-Head, 2026-11-22 10:04 UTC, meaning: approved". */
export function manifestation(printedName: string, signedAt: Date, meaning: SignatureMeaning): string {
  return `Signed by ${printedName}, ${signedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, meaning: ${meaning}`;
}
