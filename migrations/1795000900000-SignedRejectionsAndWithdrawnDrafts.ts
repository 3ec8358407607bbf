import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A quality head's rejection of a handover package is signed like an acceptance (meaning: rejected), and the draft
 * documents of a rejected package are withdrawn: they stay readable but are no longer listed, flagged or trained.
 */
export class SignedRejectionsAndWithdrawnDrafts1795000900000 implements MigrationInterface {
  name = 'SignedRejectionsAndWithdrawnDrafts1795000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE electronic_signatures DROP CONSTRAINT ck_electronic_signatures_meaning`);
    await q.query(
      `ALTER TABLE electronic_signatures ADD CONSTRAINT ck_electronic_signatures_meaning CHECK (meaning IN ('authored', 'reviewed', 'approved', 'accepted', 'rejected'))`,
    );
    await q.query(`ALTER TABLE controlled_documents DROP CONSTRAINT ck_controlled_documents_status`);
    await q.query(
      `ALTER TABLE controlled_documents ADD CONSTRAINT ck_controlled_documents_status CHECK (status IN ('draft_in_package', 'controlled', 'obsolete', 'withdrawn'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE controlled_documents DROP CONSTRAINT ck_controlled_documents_status`);
    await q.query(
      `ALTER TABLE controlled_documents ADD CONSTRAINT ck_controlled_documents_status CHECK (status IN ('draft_in_package', 'controlled', 'obsolete'))`,
    );
    await q.query(`ALTER TABLE electronic_signatures DROP CONSTRAINT ck_electronic_signatures_meaning`);
    await q.query(
      `ALTER TABLE electronic_signatures ADD CONSTRAINT ck_electronic_signatures_meaning CHECK (meaning IN ('authored', 'reviewed', 'approved', 'accepted'))`,
    );
  }
}
