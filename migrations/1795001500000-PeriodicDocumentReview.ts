import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Periodic review of controlled documents (ISO 9001 7.5.2/7.5.3): a review interval per document type, the date each
 * effective document is next due for review, and the reviews recorded (one per revision and due date: the unique
 * index settles two reviewers at once). Documents already effective are due from their effective revision's date.
 * Due dates are whole seconds: clients send them back to name the review they answer.
 */
export class PeriodicDocumentReview1795001500000 implements MigrationInterface {
  name = 'PeriodicDocumentReview1795001500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_review_intervals (
        document_type text NOT NULL,
        interval_months integer NOT NULL,
        CONSTRAINT pk_document_review_intervals PRIMARY KEY (document_type),
        CONSTRAINT ck_document_review_intervals_months CHECK (interval_months BETWEEN 1 AND 120)
      )`);
    await q.query(`
      INSERT INTO document_review_intervals (document_type, interval_months)
      VALUES ('procedure', 24), ('work_instruction', 12), ('specification', 24), ('control_plan', 12)`);
    await q.query(`
      ALTER TABLE controlled_documents
        ADD COLUMN review_due_at timestamptz,
        ADD COLUMN review_reminded_for timestamptz,
        ADD COLUMN review_escalated_for timestamptz`);
    await q.query(`
      UPDATE controlled_documents d
         SET review_due_at = date_trunc('second', r.effective_at + make_interval(months => i.interval_months))
        FROM document_revisions r, document_review_intervals i
       WHERE r.document_id = d.id AND r.state = 'effective' AND r.effective_at IS NOT NULL
         AND i.document_type = d.document_type AND d.status = 'controlled'`);
    await q.query(
      `CREATE INDEX ix_controlled_documents_review_due ON controlled_documents (review_due_at) WHERE review_due_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE document_reviews (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL,
        revision_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        outcome text NOT NULL,
        comment text,
        reviewed_by uuid NOT NULL,
        reviewed_at timestamptz NOT NULL DEFAULT now(),
        next_due_at timestamptz,
        signature_id uuid,
        change_request_id uuid,
        CONSTRAINT pk_document_reviews PRIMARY KEY (id),
        CONSTRAINT ck_document_reviews_outcome CHECK (outcome IN ('still_valid', 'change_needed')),
        CONSTRAINT ck_document_reviews_link CHECK (
          (outcome = 'still_valid' AND signature_id IS NOT NULL AND next_due_at IS NOT NULL AND change_request_id IS NULL)
          OR (outcome = 'change_needed' AND change_request_id IS NOT NULL AND signature_id IS NULL)),
        CONSTRAINT fk_document_reviews_document FOREIGN KEY (document_id) REFERENCES controlled_documents (id),
        CONSTRAINT fk_document_reviews_revision FOREIGN KEY (revision_id) REFERENCES document_revisions (id),
        CONSTRAINT fk_document_reviews_reviewer FOREIGN KEY (reviewed_by) REFERENCES users (id),
        CONSTRAINT fk_document_reviews_signature FOREIGN KEY (signature_id) REFERENCES electronic_signatures (id),
        CONSTRAINT fk_document_reviews_change_request FOREIGN KEY (change_request_id) REFERENCES change_requests (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_document_reviews_due ON document_reviews (document_id, revision_id, due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_reviews`);
    await q.query(`DROP INDEX ix_controlled_documents_review_due`);
    await q.query(
      `ALTER TABLE controlled_documents DROP COLUMN review_escalated_for, DROP COLUMN review_reminded_for, DROP COLUMN review_due_at`,
    );
    await q.query(`DROP TABLE document_review_intervals`);
  }
}
