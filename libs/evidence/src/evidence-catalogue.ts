import { AUDIT_CLAUSES } from '@ambidex/audits';
import { ClauseRef } from './domain/evidence-index';

/** The clauses coverage is reported against: the one catalogue, that of internal audits (docs/PRODUCT.md's map). */
export const EVIDENCE_CATALOGUE: readonly ClauseRef[] = AUDIT_CLAUSES.map((c) => ({ id: c.id, title: c.title }));
