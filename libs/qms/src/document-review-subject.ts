import { SignedSubject } from './domain/electronic-signature';

/** What a "still valid" review signs: which document, which revision, which due date, and the reviewer's comment. */
export interface ReviewSubjectFacts {
  reviewId: string;
  documentId: string;
  number: string | null;
  revisionId: string;
  revision: number;
  dueAt: Date;
  comment: string | null;
}

export function reviewSubject(facts: ReviewSubjectFacts): SignedSubject {
  return {
    recordType: 'document_review',
    recordId: facts.reviewId,
    content: {
      documentId: facts.documentId,
      number: facts.number,
      revisionId: facts.revisionId,
      revision: facts.revision,
      dueAt: facts.dueAt.toISOString(),
      outcome: 'still_valid',
      comment: facts.comment,
    },
  };
}
