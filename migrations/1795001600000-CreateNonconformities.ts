import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nonconformities and CAPA (ISO 9001 10.2): the NC, its corrective actions and its effectiveness checks, numbered from
 * a sequence. A closed NC is a record: a trigger refuses to change or delete it or its actions.
 */
export class CreateNonconformities1795001600000 implements MigrationInterface {
  name = 'CreateNonconformities1795001600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE nonconformity_numbers`);
    await q.query(
      `CREATE TABLE "nonconformities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "subject_type" text, "subject_id" uuid, "source" text NOT NULL, "severity" text NOT NULL, "probability" integer NOT NULL, "description" text NOT NULL, "evidence_links" text array NOT NULL DEFAULT '{}', "raised_by" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "containment" text, "contained_by" uuid, "contained_at" TIMESTAMP WITH TIME ZONE, "whys" jsonb, "cause_category" text, "root_cause_by" uuid, "root_cause_at" TIMESTAMP WITH TIME ZONE, "effectiveness_after_days" integer, "effectiveness_due_at" TIMESTAMP WITH TIME ZONE, "effectiveness_notified_at" TIMESTAMP WITH TIME ZONE, "effectiveness_round" integer NOT NULL DEFAULT '0', "change_request_id" uuid, "closed_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_nonconformities_subject" CHECK ((subject_type IS NULL) = (subject_id IS NULL) AND (subject_type IS NULL OR subject_type IN ('controlled_document', 'process_record', 'handover_package', 'initiative'))), CONSTRAINT "ck_nonconformities_probability" CHECK (probability BETWEEN 1 AND 5), CONSTRAINT "ck_nonconformities_severity" CHECK (severity IN ('minor', 'major', 'critical')), CONSTRAINT "ck_nonconformities_status" CHECK (status IN ('open', 'actions', 'verifying', 'closed')), CONSTRAINT "pk_nonconformities" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_nonconformities_change_request" ON "nonconformities"  ("change_request_id")`);
    await q.query(`CREATE INDEX "ix_nonconformities_status" ON "nonconformities"  ("status", "raised_at")`);
    await q.query(`CREATE UNIQUE INDEX "uq_nonconformities_number" ON "nonconformities"  ("number")`);
    await q.query(
      `CREATE TABLE "nonconformity_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "nonconformity_id" uuid NOT NULL, "text" text NOT NULL, "owner_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "done_at" TIMESTAMP WITH TIME ZONE, "done_by" uuid, "done_note" text, "escalated_to_owner_at" TIMESTAMP WITH TIME ZONE, "escalated_to_quality_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_nonconformity_actions" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_nonconformity_actions_open_due" ON "nonconformity_actions"  ("due_at") WHERE done_at IS NULL`,
    );
    await q.query(
      `CREATE TABLE "nonconformity_effectiveness_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "nonconformity_id" uuid NOT NULL, "effective" boolean NOT NULL, "comment" text NOT NULL, "checked_by" uuid NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "signature_id" uuid, CONSTRAINT "pk_nonconformity_effectiveness_checks" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_nonconformity_effectiveness_checks_nc" ON "nonconformity_effectiveness_checks"  ("nonconformity_id", "checked_at")`,
    );
    await q.query(
      `ALTER TABLE "nonconformities" ADD CONSTRAINT "fk_nonconformities_raised_by" FOREIGN KEY ("raised_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "nonconformity_actions" ADD CONSTRAINT "fk_nonconformity_actions_nonconformity" FOREIGN KEY ("nonconformity_id") REFERENCES "nonconformities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "nonconformity_actions" ADD CONSTRAINT "fk_nonconformity_actions_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "nonconformity_effectiveness_checks" ADD CONSTRAINT "fk_nonconformity_effectiveness_checks_nc" FOREIGN KEY ("nonconformity_id") REFERENCES "nonconformities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION nonconformities_refuse_change_when_closed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'closed' THEN
          RAISE EXCEPTION 'nonconformity % is closed: % refused', OLD.number, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_nonconformities_closed_frozen BEFORE UPDATE OR DELETE ON nonconformities FOR EACH ROW EXECUTE FUNCTION nonconformities_refuse_change_when_closed()`,
    );
    await q.query(`
      CREATE FUNCTION nonconformity_actions_refuse_change_when_closed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM nonconformities WHERE id = OLD.nonconformity_id AND status = 'closed') THEN
          RAISE EXCEPTION 'the nonconformity of action % is closed: % refused', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_nonconformity_actions_closed_frozen BEFORE UPDATE OR DELETE ON nonconformity_actions FOR EACH ROW EXECUTE FUNCTION nonconformity_actions_refuse_change_when_closed()`,
    );
    await q.query(`
      CREATE FUNCTION nonconformity_effectiveness_checks_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'effectiveness checks are kept as recorded: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_nonconformity_effectiveness_checks_frozen BEFORE UPDATE OR DELETE ON nonconformity_effectiveness_checks FOR EACH ROW EXECUTE FUNCTION nonconformity_effectiveness_checks_refuse_change()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE nonconformity_effectiveness_checks`);
    await q.query(`DROP TABLE nonconformity_actions`);
    await q.query(`DROP TABLE nonconformities`);
    await q.query(`DROP FUNCTION nonconformity_effectiveness_checks_refuse_change()`);
    await q.query(`DROP FUNCTION nonconformity_actions_refuse_change_when_closed()`);
    await q.query(`DROP FUNCTION nonconformities_refuse_change_when_closed()`);
    await q.query(`DROP SEQUENCE nonconformity_numbers`);
  }
}
