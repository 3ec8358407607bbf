import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Internal audits (ISO 9001 9.2, ISO 56001 9.2) and the auditor role. A signed audit is a record: a trigger refuses to
 * change or delete it, its checklist or its findings.
 */
export class CreateInternalAudits1795001800000 implements MigrationInterface {
  name = 'CreateInternalAudits1795001800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_roles`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT ck_users_roles CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['innovation_lead','gatekeeper','quality_head','auditor','leadership','admin']::text[])`,
    );
    await q.query(`CREATE SEQUENCE internal_audit_numbers`);
    await q.query(
      `CREATE TABLE "internal_audits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" text NOT NULL, "status" text NOT NULL DEFAULT 'planned', "planned_for" date NOT NULL, "scope" text NOT NULL, "subject_type" text, "subject_id" uuid, "clauses" text array NOT NULL, "auditor_id" uuid NOT NULL, "planned_by" uuid NOT NULL, "planned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "summary" text, "signature_id" uuid, "signed_at" TIMESTAMP WITH TIME ZONE, "reminded_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_internal_audits_clauses" CHECK (cardinality(clauses) > 0), CONSTRAINT "ck_internal_audits_subject" CHECK ((subject_type IS NULL) = (subject_id IS NULL) AND (subject_type IS NULL OR subject_type IN ('controlled_document', 'initiative'))), CONSTRAINT "ck_internal_audits_status" CHECK (status IN ('planned', 'in_progress', 'signed')), CONSTRAINT "pk_internal_audits" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_internal_audits_status" ON "internal_audits"  ("status", "planned_for")`);
    await q.query(`CREATE UNIQUE INDEX "uq_internal_audits_number" ON "internal_audits"  ("number")`);
    await q.query(
      `CREATE TABLE "internal_audit_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "audit_id" uuid NOT NULL, "clause" text NOT NULL, "position" integer NOT NULL, "finding" text, "note" text, "evidence_links" text array NOT NULL DEFAULT '{}', "nonconformity_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_internal_audit_items_finding" CHECK (finding IS NULL OR finding IN ('conformity', 'observation', 'minor', 'major')), CONSTRAINT "pk_internal_audit_items" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_internal_audit_items_clause" ON "internal_audit_items"  ("audit_id", "clause")`,
    );
    await q.query(
      `ALTER TABLE "internal_audits" ADD CONSTRAINT "fk_internal_audits_auditor" FOREIGN KEY ("auditor_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "internal_audits" ADD CONSTRAINT "fk_internal_audits_planned_by" FOREIGN KEY ("planned_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "internal_audit_items" ADD CONSTRAINT "fk_internal_audit_items_audit" FOREIGN KEY ("audit_id") REFERENCES "internal_audits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION internal_audits_refuse_change_when_signed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'signed' THEN
          RAISE EXCEPTION 'internal audit % is signed: % refused', OLD.number, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_internal_audits_signed_frozen BEFORE UPDATE OR DELETE ON internal_audits FOR EACH ROW EXECUTE FUNCTION internal_audits_refuse_change_when_signed()`,
    );
    await q.query(`
      CREATE FUNCTION internal_audit_items_refuse_change_when_signed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM internal_audits WHERE id = OLD.audit_id AND status = 'signed') THEN
          RAISE EXCEPTION 'the audit of checklist item % is signed: % refused', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_internal_audit_items_signed_frozen BEFORE UPDATE OR DELETE ON internal_audit_items FOR EACH ROW EXECUTE FUNCTION internal_audit_items_refuse_change_when_signed()`,
    );
    // An item added to a signed audit would change the record too.
    await q.query(`
      CREATE FUNCTION internal_audit_items_refuse_insert_when_signed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM internal_audits WHERE id = NEW.audit_id AND status = 'signed') THEN
          RAISE EXCEPTION 'internal audit % is signed: INSERT refused', NEW.audit_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_internal_audit_items_signed_no_insert BEFORE INSERT ON internal_audit_items FOR EACH ROW EXECUTE FUNCTION internal_audit_items_refuse_insert_when_signed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE internal_audit_items`);
    await q.query(`DROP TABLE internal_audits`);
    await q.query(`DROP FUNCTION internal_audit_items_refuse_insert_when_signed()`);
    await q.query(`DROP FUNCTION internal_audit_items_refuse_change_when_signed()`);
    await q.query(`DROP FUNCTION internal_audits_refuse_change_when_signed()`);
    await q.query(`DROP SEQUENCE internal_audit_numbers`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_roles`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT ck_users_roles CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['innovation_lead','gatekeeper','quality_head','leadership','admin']::text[])`,
    );
  }
}
